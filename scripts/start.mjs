// `npm start [-- JUPYTER ARGS]`: install what is missing, register the course's TypeScript
// kernel in .jupyter-local/, and start JupyterLab (or else Jupyter Notebook) on the repository
// root, bound to 127.0.0.1, opening the first notebook (JupyterLab: lab/tree/notebooks/00_setup.ipynb,
// Notebook: notebooks/notebooks/00_setup.ipynb). The root is the repository so that the links of
// the notebooks reach theory/, exercises/ and the figures. Extra arguments go to Jupyter (e.g.
// `npm start -- --no-browser`); a file or folder among them is opened instead of 00_setup.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, registerKernel, findPython, checkKernelVisible, jupyterEnv, writeLabSettings, writeNotebookConfig, INSTALL_JUPYTER_HINT } from './jupyter.mjs';

function fail(msg) {
  console.error(`start: ${msg}`);
  process.exit(1);
}

const installed =
  fs.existsSync(path.join(root, 'node_modules', 'tslab')) &&
  fs.existsSync(path.join(root, 'lib', 'dist', 'index.js'));
if (!installed) {
  console.log('start: dependencies or the library build are missing: running `npm install` first');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('`npm install` failed (see above); fix that and run `npm start` again.');
}

let app = 'jupyterlab';
let python = findPython(['jupyterlab']);
if (!python) {
  app = 'notebook';
  python = findPython(['notebook', 'jupyter_client']);
}
if (!python) fail(`Jupyter is not installed. ${INSTALL_JUPYTER_HINT}`);

try {
  registerKernel();
  checkKernelVisible(python);
} catch (e) {
  fail(`kernel registration failed: ${e.message}`);
}

/** The first notebook a learner opens; Jupyter opens the browser on it. */
const FIRST_NOTEBOOK = path.join('notebooks', '00_setup.ipynb');
const extra = process.argv.slice(2);
// A file or folder given by the learner (Jupyter's positional argument) replaces 00_setup: only
// the first positional argument counts, so ours goes only where there is none.
const hasPath = extra.some((a) => !a.startsWith('-') && fs.existsSync(path.resolve(a)));
// Notebook 6 opens a browser for a file even with --no-browser: then the file is left out.
const noBrowser = extra.some((a) => a === '--no-browser' || /open_browser=(False|0)$/i.test(a));
const args = ['-m', app, '--ip=127.0.0.1', `--notebook-dir=${root}`];
if (!hasPath && !noBrowser) args.push(path.join(root, FIRST_NOTEBOOK));
writeNotebookConfig();
if (app === 'jupyterlab') {
  // Chapters and READMEs open rendered (Markdown Preview, with its MathJax) from the file browser
  // too, not only from links: JupyterLab's settings live in .jupyter-local/ (jupyterEnv).
  writeLabSettings();
}
// Jupyter refuses to run as root without this flag (containers, CI); say so rather than fail.
if (process.getuid?.() === 0) {
  args.push('--allow-root');
  console.log('start: running as root, so passing --allow-root to Jupyter');
}
args.push(...extra);
const name = app === 'jupyterlab' ? 'JupyterLab' : 'Jupyter Notebook';
console.log(`start: ${name} on the course folder with the "TypeScript (course)" kernel (${python} ${args.join(' ')})`);
console.log(`start: begin with ${app === 'jupyterlab' ? 'lab/tree/' : 'notebooks/'}${FIRST_NOTEBOOK.split(path.sep).join('/')}; the theory chapters are in theory/, the exercises in exercises/`);
if (app === 'notebook') {
  console.log('start: Jupyter Notebook shows the theory chapters (.md) as plain text; JupyterLab renders them with their formulas (pip install jupyterlab), and so does the course site (npm run site)');
}
const child = spawn(python, args, { cwd: root, env: jupyterEnv(), stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
