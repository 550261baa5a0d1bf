// Bundle page.js (JupyterLab's renderer code) with esbuild into `outdir`, next to an
// index.html that loads it. Used by jupyterlab.browser.mjs; `node build.mjs [outdir]` alone
// builds it for a look in a browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildPage(outdir) {
  fs.mkdirSync(outdir, { recursive: true });
  const t0 = Date.now();
  await esbuild.build({
    entryPoints: { render: path.join(here, 'page.js') },
    bundle: true,
    format: 'iife',
    target: 'chrome110',
    minify: true,
    sourcemap: false,
    outdir,
    logLevel: 'warning',
    loader: { '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.png': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  fs.writeFileSync(path.join(outdir, 'index.html'), `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>seqmodels outputs in JupyterLab's renderer</title>
<link rel="stylesheet" href="render.css">
<style>
  body { font: 13px sans-serif; margin: 12px 24px; max-width: 1100px; }
  .lab-test-caption { font: 12px monospace; color: #555; background: #f5f5f5; padding: 2px 6px; margin-top: 10px; }
</style></head>
<body><h3 id="title">JupyterLab renderer (@jupyterlab/rendermime, @jupyterlab/outputarea)</h3><div id="notebook"></div>
<script src="render.js"></script></body></html>
`);
  return { ms: Date.now() - t0, bytes: fs.statSync(path.join(outdir, 'render.js')).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(here, '..', '..', '..', 'build', 'jupyterlab-render'));
  const r = await buildPage(out);
  console.log(`built ${out} in ${r.ms} ms (render.js ${(r.bytes / 1e6).toFixed(2)} MB)`);
}
