// The notebook runner joins consecutive stream outputs of the same name, as a live Jupyter
// session saves them: JupyterLab 4.6's "Trust Notebook" on a notebook with separate ones wrote
// the last line of each joined output twice (found by tests/browser/jupyterlab-app).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { jupyterPython, fixtureNotebook: notebook } = require('./jupyter-env');

const out = (name: string, text: string) => ({ output_type: 'stream', name, text });
const display = { output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: {} };

/** merge_streams from scripts/execute_notebook.py on cells with these outputs. */
function mergeStreams(cells: object[][]): object[][] {
  const code = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("runner", ${JSON.stringify(path.join(root, 'scripts', 'execute_notebook.py'))})
runner = importlib.util.module_from_spec(spec); spec.loader.exec_module(runner)
import nbformat
nb = nbformat.from_dict(json.load(sys.stdin))
runner.merge_streams(nb)
print(json.dumps([c.get("outputs", []) for c in nb.cells]))`;
  const nb = { cells: cells.map((outputs) => ({ cell_type: 'code', source: '', metadata: {}, outputs })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
  const r = spawnSync(jupyterPython(), ['-c', code], { input: JSON.stringify(nb), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

test.each([
  ['two stdout outputs become one', [out('stdout', 'a\n'), out('stdout', 'b\n')], [out('stdout', 'a\nb\n')]],
  ['three in a row', [out('stdout', 'a'), out('stdout', 'b'), out('stdout', 'c\n')], [out('stdout', 'abc\n')]],
  ['stdout and stderr stay apart', [out('stdout', 'a\n'), out('stderr', 'w\n'), out('stdout', 'b\n')], [out('stdout', 'a\n'), out('stderr', 'w\n'), out('stdout', 'b\n')]],
  ['a display between two streams keeps them apart', [out('stdout', 'a\n'), display, out('stdout', 'b\n')], [out('stdout', 'a\n'), display, out('stdout', 'b\n')]],
  ['a single stream is unchanged', [out('stderr', 'w\n')], [out('stderr', 'w\n')]],
  ['no outputs', [], []],
])('merge_streams: %s', (_what, outputs, expected) => {
  expect(mergeStreams([outputs])[0]).toEqual(expected);
});

test('an executed copy holds one stdout output for output printed in several messages', () => {
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'build', 'streams-test-'));
  try {
    fs.writeFileSync(path.join(dir, 'printed_twice.ipynb'), notebook([
      'console.log("first"); await new Promise((r) => setTimeout(r, 300)); console.log("second");',
    ]));
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), `--dir=${dir}`, `--out=${dir}/out`], {
      cwd: root, encoding: 'utf8', timeout: 120000,
    });
    expect(r.stdout).toMatch(/^ok\s+printed_twice\.ipynb/m);
    const executed = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'printed_twice.ipynb'), 'utf8'));
    const outputs = executed.cells[0].outputs;
    expect(outputs).toHaveLength(1);
    expect([].concat(outputs[0].text).join('')).toBe('first\nsecond\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);
