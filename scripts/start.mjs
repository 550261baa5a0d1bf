// `npm start [-- JUPYTER ARGS]`: install what is missing, register the course's TypeScript
// kernel in .jupyter-local/, and start JupyterLab (or else Jupyter Notebook) on notebooks/,
// bound to 127.0.0.1. Extra arguments go to Jupyter (e.g. `npm start -- --no-browser`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, registerKernel, findPython, checkKernelVisible, jupyterEnv, INSTALL_JUPYTER_HINT } from './jupyter.mjs';

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

const args = ['-m', app, '--ip=127.0.0.1', `--notebook-dir=${path.join(root, 'notebooks')}`];
// Jupyter refuses to run as root without this flag (containers, CI); say so rather than fail.
if (process.getuid?.() === 0) {
  args.push('--allow-root');
  console.log('start: running as root, so passing --allow-root to Jupyter');
}
args.push(...process.argv.slice(2));
console.log(`start: ${app === 'jupyterlab' ? 'JupyterLab' : 'Jupyter Notebook'} on notebooks/ with the "TypeScript (course)" kernel (${python} ${args.join(' ')})`);
const child = spawn(python, args, { cwd: root, env: jupyterEnv(), stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
