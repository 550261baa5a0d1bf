// The Python with Jupyter and the environment of the course kernel, for tests that talk to it.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

function jupyterPython() {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { findPython, registerKernel } from ${JSON.stringify(path.join(root, 'scripts', 'jupyter.mjs'))};
     registerKernel(); console.log(findPython(['jupyter_client']) ?? '')`], { encoding: 'utf8' });
  const py = r.stdout.trim();
  if (!py) throw new Error('no Python with jupyter_client: install Jupyter (see README)');
  return py;
}

function jupyterEnvForTests() {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { jupyterEnv } from ${JSON.stringify(path.join(root, 'scripts', 'jupyter.mjs'))};
     console.log(JSON.stringify(jupyterEnv()))`], { encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

/**
 * A fixture notebook for the course kernel: one code cell per entry, a string (the source)
 * or { source, tags } (nbformat cell tags, e.g. 'timing').
 */
function fixtureNotebook(cells) {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript (course)', language: 'typescript' } },
    cells: cells.map((c, i) => {
      const { source, tags } = typeof c === 'string' ? { source: c, tags: [] } : c;
      return { cell_type: 'code', id: `c${i}`, metadata: tags.length ? { tags } : {}, source, outputs: [], execution_count: null };
    }),
  });
}

module.exports = { jupyterPython, jupyterEnvForTests, fixtureNotebook };
