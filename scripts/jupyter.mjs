// Shared by start.mjs, register-kernel.mjs and run-notebooks.mjs: where the project's
// kernel spec lives, and which Python interpreter has Jupyter.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Project-local Jupyter data folder: kernels are registered here, never globally. */
export const jupyterPrefix = path.join(root, '.jupyter-local');
export const jupyterData = path.join(jupyterPrefix, 'share', 'jupyter');
/** Project-local Jupyter configuration folder (on JUPYTER_CONFIG_PATH). */
export const jupyterConfig = path.join(jupyterPrefix, 'etc', 'jupyter');
export const KERNEL_NAME = 'tslab';

/** Environment for Jupyter processes: the project's kernel folder first on JUPYTER_PATH. */
export function jupyterEnv(extra = {}) {
  const prev = process.env.JUPYTER_PATH;
  // Kernels run in the notebook's folder: make the course's folder variables absolute here,
  // relative to where the command was started, so `COURSE_DATA_MIRROR=../shared/datasets` works.
  const folders = {};
  for (const k of ['COURSE_DATA_MIRROR', 'COURSE_DATA_CACHE']) {
    if (process.env[k]) folders[k] = path.resolve(process.env[k]);
  }
  return {
    ...process.env,
    ...folders,
    JUPYTER_PATH: prev ? `${jupyterData}${path.delimiter}${prev}` : jupyterData,
    // The course's Jupyter configuration (writeNotebookConfig) comes first; the learner's own
    // configuration folder (~/.jupyter, JUPYTER_CONFIG_DIR) is still read.
    JUPYTER_CONFIG_PATH: process.env.JUPYTER_CONFIG_PATH ? `${jupyterConfig}${path.delimiter}${process.env.JUPYTER_CONFIG_PATH}` : jupyterConfig,
    // Runtime files (connection files, cookie secret) and JupyterLab's settings and
    // workspaces stay inside the project, so nothing is written under the home folder.
    JUPYTER_RUNTIME_DIR: path.join(jupyterPrefix, 'runtime'),
    JUPYTERLAB_SETTINGS_DIR: path.join(jupyterPrefix, 'lab', 'user-settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(jupyterPrefix, 'lab', 'workspaces'),
    ...extra,
  };
}

function shebangPython(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const file = r.status === 0 ? r.stdout.trim() : '';
  if (!file) return null;
  try {
    const first = fs.readFileSync(file, 'utf8').split('\n')[0];
    const m = first.match(/^#!\s*(\S+)(?:\s+(\S+))?/);
    if (!m) return null;
    return m[1].endsWith('/env') ? m[2] ?? null : m[1];
  } catch {
    return null;
  }
}

/**
 * The first Python that can import all `modules`: $COURSE_PYTHON, the interpreter behind
 * the `jupyter` command, then python3 and /usr/bin/python3 (on Debian the first python3
 * on PATH may be another interpreter without Jupyter).
 */
export function findPython(modules) {
  // An explicit COURSE_PYTHON is the only candidate: if it lacks Jupyter, say so.
  if (process.env.COURSE_PYTHON) {
    const r = spawnSync(process.env.COURSE_PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    return r.status === 0 ? process.env.COURSE_PYTHON : null;
  }
  const candidates = [
    shebangPython('jupyter'),
    shebangPython('jupyter-lab'),
    shebangPython('jupyter-notebook'),
    'python3',
    '/usr/bin/python3',
    'python',
  ].filter(Boolean);
  const seen = new Set();
  for (const py of candidates) {
    if (seen.has(py)) continue;
    seen.add(py);
    const r = spawnSync(py, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

export const INSTALL_JUPYTER_HINT =
  'Install Jupyter: `pip install jupyterlab` (or, on Debian/Ubuntu, ' +
  '`sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client`), ' +
  'or set COURSE_PYTHON to a Python that has it.';

/**
 * Write the tslab kernel spec into the project-local Jupyter folder. The kernel runs
 * this project's tslab with the Node that runs this script. Returns the spec path.
 */
export function registerKernel() {
  const tslabBin = path.join(root, 'node_modules', 'tslab', 'bin', 'tslab');
  if (!fs.existsSync(tslabBin)) {
    throw new Error(`tslab is not installed (${tslabBin} missing): run \`npm install\` first.`);
  }
  const dir = path.join(jupyterData, 'kernels', KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, tslabBin, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (course)',
    language: 'typescript',
    env: {},
  };
  const file = path.join(dir, 'kernel.json');
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(spec, null, 2) + '\n');
  fs.renameSync(tmp, file);
  return file;
}

/** Ask Jupyter itself whether it sees the kernel; throws with the reason if not. */
export function checkKernelVisible(python) {
  const r = spawnSync(
    python,
    ['-c', `from jupyter_client.kernelspec import KernelSpecManager as K; print(K().get_kernel_spec("${KERNEL_NAME}").resource_dir)`],
    { env: jupyterEnv(), encoding: 'utf8' },
  );
  if (r.status !== 0) {
    const last = (r.stderr || '').trim().split('\n').pop();
    throw new Error(`Jupyter does not see the "${KERNEL_NAME}" kernel after registration: ${last}`);
  }
  return r.stdout.trim();
}

/**
 * JupyterLab user settings of the course (in .jupyter-local/lab/user-settings, which jupyterEnv
 * names): markdown files open in the Markdown Preview (rendered, with MathJax) by default, so a
 * chapter opened from the file browser reads like one opened from a notebook's link. A setting the
 * learner has changed in that file is kept.
 */
export function writeLabSettings() {
  const dir = path.join(jupyterPrefix, 'lab', 'user-settings', '@jupyterlab', 'docmanager-extension');
  const file = path.join(dir, 'plugin.jupyterlab-settings');
  let settings = {};
  if (fs.existsSync(file)) {
    try {
      settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return file; // JupyterLab wrote it with comments: the learner's own settings, left alone
    }
    if (settings.defaultViewers?.markdown) return file;
  }
  settings.defaultViewers = { ...settings.defaultViewers, markdown: 'Markdown Preview' };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  return file;
}

/**
 * Jupyter Notebook 6 configuration of the course: Notebook 6 has no markdown viewer and shows a
 * chapter opened from a notebook's link as the raw file, which it serves as `text/markdown` with no
 * charset, so browsers read the UTF-8 text as Latin-1 ("Â·" for "·", broken Greek letters). Served
 * as text/plain, Notebook 6 adds `charset=UTF-8`. Returns the file written.
 */
export function writeNotebookConfig() {
  fs.mkdirSync(jupyterConfig, { recursive: true });
  const file = path.join(jupyterConfig, 'jupyter_notebook_config.py');
  const text = [
    '# Written by the course (scripts/jupyter.mjs, writeNotebookConfig); rewritten by `npm start`.',
    '# Notebook 6 serves .md files as text/markdown without a charset (read as Latin-1 by browsers);',
    '# as text/plain it adds charset=UTF-8, so the theory chapters show their characters intact.',
    'import mimetypes',
    "mimetypes.add_type('text/plain', '.md')",
    '',
  ].join('\n');
  fs.writeFileSync(file, text);
  return file;
}
