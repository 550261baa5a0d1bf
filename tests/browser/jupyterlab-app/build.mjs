// Assemble JupyterLab from its npm packages into `outdir` (default build/jupyterlab-app/),
// the folders that jupyterlab_server's LabServerApp serves (server.py):
//   static/bundle.js, static/bundle.css  the application: every extension listed under
//                                        "jupyterlab" in package.json, bundled by esbuild
//   schemas/<package>/*.json             each extension's settings schemas (+ package.json.orig)
//   themes/<package>/index.css           the light theme, loaded by the theme manager
// This is what JupyterLab's own build (@jupyterlab/builder's ensureAssets and webpack, see
// its examples/app) makes, done with esbuild. `node build.mjs [outdir]` alone builds it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
export const EXTENSIONS = pkg.jupyterlab.extensions;
export const MIME_EXTENSIONS = pkg.jupyterlab.mimeExtensions;

/** package.json of an installed package. */
export function packageData(name) {
  return JSON.parse(fs.readFileSync(path.join(here, 'node_modules', ...name.split('/'), 'package.json'), 'utf8'));
}

/**
 * The application's entry: JupyterLab with the listed extensions, as examples/app starts it.
 * Language-server plugins are left out (no language server here). The application object is
 * exposed as window.jupyterapp, as JupyterLab's `--expose-app-in-browser` option does, so the
 * tests can ask it for its widgets and commands.
 */
function entrySource() {
  const imports = [];
  const names = (list, prefix) => list.map((name, i) => {
    imports.push(`import * as ${prefix}${i} from '${name}';`);
    const style = packageData(name).styleModule ?? packageData(name).style;
    if (style) imports.push(`import '${name}/${style}';`);
    return `${prefix}${i}`;
  });
  const ext = names(EXTENSIONS, 'ext');
  const mime = names(MIME_EXTENSIONS, 'mime');
  return `${imports.join('\n')}
import { JupyterLab } from '@jupyterlab/application';

const withoutLsp = (m) => {
  const plugins = [].concat(m.default ?? m);
  return plugins.filter((p) => !String(p.id).includes(':language-server'));
};

async function main() {
  const lab = new JupyterLab({ mimeExtensions: [${mime.join(', ')}].map((m) => m.default ?? m) });
  lab.registerPlugins([${ext.join(', ')}].flatMap(withoutLsp));
  window.jupyterapp = lab;
  await lab.start();
  await lab.restored;
  document.body.dataset.labRestored = 'true';
}
window.addEventListener('load', () => main().catch((e) => { console.error('JupyterLab failed to start', e); }));
`;
}

/** esbuild: SVG imported from JavaScript is a string (icons); from CSS, a data URL. */
const svgPlugin = {
  name: 'svg',
  setup(build) {
    build.onResolve({ filter: /\.svg$/ }, async (args) => {
      if (args.kind !== 'url-token' || args.namespace === 'svg-url') return undefined;
      const r = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, namespace: 'file' });
      return { path: r.path, namespace: 'svg-url' };
    });
    build.onLoad({ filter: /.*/, namespace: 'svg-url' }, (args) => ({ contents: fs.readFileSync(args.path), loader: 'dataurl' }));
  },
};

/** esbuild: CSS's `~package/file` (webpack's css-loader convention) is a module path. */
const tildePlugin = {
  name: 'tilde',
  setup(build) {
    build.onResolve({ filter: /^~/ }, (args) => build.resolve(args.path.slice(1), { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer }));
  },
};

const loader = {
  '.svg': 'text', '.md': 'text', '.html': 'text',
  '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.png': 'dataurl', '.gif': 'dataurl', '.jpg': 'dataurl',
};

export async function buildApp(outdir) {
  const t0 = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const staticDir = path.join(outdir, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  await esbuild.build({
    stdin: { contents: entrySource(), resolveDir: here, sourcefile: 'jupyterlab-app-entry.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    target: 'chrome110',
    minify: true,
    outfile: path.join(staticDir, 'bundle.js'),
    logLevel: 'error',
    loader,
    plugins: [tildePlugin, svgPlugin],
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    // A few dependencies read `process` (path-browserify's cwd(), process.env): as webpack's
    // DefinePlugin does in JupyterLab's own build, give them a minimal one.
    banner: { js: 'var process = { env: { NODE_ENV: "production" }, cwd: () => "/" };' },
  });
  // Settings schemas, where LabServerApp's settings API looks for them.
  let schemas = 0;
  for (const name of EXTENSIONS) {
    const data = packageData(name);
    const dir = data.jupyterlab?.schemaDir;
    if (!dir) continue;
    const src = path.join(here, 'node_modules', ...name.split('/'), dir);
    const dst = path.join(outdir, 'schemas', ...name.split('/'));
    fs.mkdirSync(dst, { recursive: true });
    for (const f of fs.readdirSync(src).filter((f) => f.endsWith('.json'))) {
      fs.copyFileSync(path.join(src, f), path.join(dst, f));
      schemas += 1;
    }
    fs.writeFileSync(path.join(dst, 'package.json.orig'), JSON.stringify(data, null, 2));
  }
  // Themes: the theme manager loads <themes url>/<package>/index.css.
  for (const name of EXTENSIONS) {
    const themePath = packageData(name).jupyterlab?.themePath;
    if (!themePath) continue;
    await esbuild.build({
      entryPoints: [path.join(here, 'node_modules', ...name.split('/'), themePath)],
      bundle: true,
      minify: true,
      outfile: path.join(outdir, 'themes', ...name.split('/'), 'index.css'),
      logLevel: 'error',
      loader: { ...loader, '.svg': 'dataurl' },
      plugins: [tildePlugin],
    });
  }
  const bytes = fs.statSync(path.join(staticDir, 'bundle.js')).size;
  return { ms: Date.now() - t0, bytes, schemas, extensions: EXTENSIONS.length + MIME_EXTENSIONS.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(here, '..', '..', '..', 'build', 'jupyterlab-app'));
  const r = await buildApp(out);
  console.log(`built ${out} in ${r.ms} ms: ${r.extensions} extensions, ${r.schemas} settings schemas, bundle.js ${(r.bytes / 1e6).toFixed(2)} MB`);
}
