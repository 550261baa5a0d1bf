// Issue #12: `npm run repro` runs notebooks a second time and compares what they print with the
// first run, timings masked, cells tagged `timing` skipped.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { fixtureNotebook: notebook } = require('./jupyter-env');
const script = path.join(root, 'scripts', 'check-reproducible.mjs');

/** Call an export of check-reproducible.mjs in a Node process (the script is an ES module). */
function call(fn: string, ...args: unknown[]): any {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import * as m from ${JSON.stringify(script)}; console.log(JSON.stringify(m.${fn}(...${JSON.stringify(args)})))`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('masking of timings', () => {
  const cases: [string, string][] = [
    ['GRU: completed after 2 epochs, 3.0 s of training', 'GRU: completed after 2 epochs, ‹time› of training'],
    ['notebook time: 8.4 min', 'notebook time: ‹time›'],
    ['12 ms per batch, 3.2ms/step', '‹time› per batch, ‹time›/step'],
    ['1,234 characters/s and 22.5 steps/s, 7 it/s', '‹time› and ‹time›, ‹time›'],
    ['epoch 3/10 · ETA 01:23 · time left: 0:05', 'epoch 3/10 · ETA ‹time› · time left: ‹time›'],
    ['depth 3 took 2.0 times as long as depth 1, and is 1.5× slower', 'depth 3 took ‹time› as long as depth 1, and is ‹time› slower'],
    // Not timings: counts, steps, percentages, exponents.
    ['after 700 updates, 100 steps, 45.2%, 1e-31 over 100 steps', 'after 700 updates, 100 steps, 45.2%, 1e-31 over 100 steps'],
    ['with 1.85 times the parameters, 2 seeds, 3 of 3', 'with 1.85 times the parameters, 2 seeds, 3 of 3'],
  ];
  test.each(cases)('%s', (input, masked) => {
    expect(call('maskTimings', input)).toBe(masked);
  });

  test('table columns headed by a time and rows labelled by a speed are masked whole', () => {
    const table = [
      '┌─────────┬────────┬───────────────────┬───────────┐',
      '│ (index) │ cell   │ seconds per epoch │ accuracy  │',
      '├─────────┼────────┼───────────────────┼───────────┤',
      "│ 0       │ 'GRU'  │ 1.48              │ '97.0%'   │",
      '└─────────┴────────┴───────────────────┴───────────┘',
      '| measured | RNN | GRU | best |',
      '|---|---|---|---|',
      '| parameters | 5,184 | 15,552 | RNN (fewest) |',
      '| training speed (steps/s) | 22,371 | 11,013 | RNN (fastest) |',
    ].join('\n');
    const out = call('maskTimings', table).split('\n');
    expect(out[3]).toBe("│ 0 │ 'GRU' │ ‹time› │ '97.0%' │");
    expect(out[7]).toBe('| parameters | 5,184 | 15,552 | RNN (fewest) |');
    expect(out[8]).toBe('| training speed (steps/s) | ‹time› | ‹time› | ‹time› |');
  });

  test('column padding that follows a timing does not count as a difference', () => {
    // console.table pads every cell to the widest one: a timing of another width shifts the padding.
    const one = ['┌─────┬──────────┬──────┐', '│ (index) │ seconds │ cell │', '├─────┼──────────┼──────┤', "│ 0 │ 12.5     │ 'GRU' │", '└─────┴──────────┴──────┘'];
    const two = ['┌─────┬───────────┬──────┐', '│ (index) │ seconds  │ cell │', '├─────┼───────────┼──────┤', "│ 0 │ 101.25    │ 'GRU' │", '└─────┴───────────┴──────┘'];
    expect(call('maskTimings', one.join('\n'))).toBe(call('maskTimings', two.join('\n')));
    expect(call('maskTimings', "│ 0 │ 'GRU' │")).not.toBe(call('maskTimings', "│ 0 │ 'LSTM' │"));
  });
});

test('a seeded notebook is the same twice; Math.random() is not; timings and `timing` cells pass', () => {
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'build', 'repro-test-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'a_seeded.ipynb'),
      notebook([
        'import { seededRng } from "seqmodels";\nconst rand = seededRng(7);',
        'console.log("draws", [rand(), rand(), rand()].map((v) => v.toFixed(6)).join(" "));',
      ]),
    );
    fs.writeFileSync(
      path.join(dir, 'b_unseeded.ipynb'),
      notebook(['console.log("fixed line");', 'console.log("a draw", Math.random());']),
    );
    fs.writeFileSync(
      path.join(dir, 'c_timing.ipynb'),
      notebook([
        'const t0 = Date.now();\nlet s = 0;\nfor (let i = 0; i < 2e6 * (1 + Math.random()); i++) s += i;\n' +
          'const ms = Date.now() - t0 + Math.random();\n' +
          'console.log(`summed in ${ms.toFixed(2)} ms, ${(1e6 / ms).toFixed(1)} steps/s, ${(ms / 1000).toFixed(3)} s in all`);',
      ]),
    );
    fs.writeFileSync(
      path.join(dir, 'd_tagged.ipynb'),
      notebook([
        'console.log("before", 6 * 7);',
        { source: 'console.log("speed", Math.round(Math.random() * 1e9));', tags: ['timing'] },
        'console.log("after", 2 ** 10);',
      ]),
    );
    // The first run, as `npm run notebooks` would leave it.
    const first = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), `--dir=${dir}`, `--out=${dir}/first`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120000,
    });
    expect(first.stdout).toMatch(/^notebooks: 4 passed, 0 failed; total [\d.]+ s/m);

    const r = spawnSync(process.execPath, [script, `--dir=${dir}`, `--first=${dir}/first`, `--out=${dir}/rerun`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120000,
    });
    const out = r.stdout;
    expect(out).toMatch(/^a_seeded\.ipynb\s+same$/m);
    expect(out).toMatch(/^b_unseeded\.ipynb\s+DIFFERS in 1 cell\(s\)\n {2}cell 2, line 1:\n {4}first: a draw 0\.\d+\n {4}rerun: a draw 0\.\d+$/m);
    expect(out).toMatch(/^c_timing\.ipynb\s+same$/m);
    expect(out).toMatch(/^d_tagged\.ipynb\s+same$/m);
    expect(out).toMatch(/^repro: 3 same, 1 different or failed/m);
    expect(r.status).toBe(1);
    // The outputs really differed where they were masked or skipped.
    const text = (f: string, cell: number) =>
      JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).cells[cell].outputs.map((o: any) => [].concat(o.text).join('')).join('');
    expect(text('first/c_timing.ipynb', 0)).not.toBe(text('rerun/c_timing.ipynb', 0));
    expect(text('first/d_tagged.ipynb', 1)).not.toBe(text('rerun/d_tagged.ipynb', 1));

    // Only the reproducible ones: exit 0.
    const ok = spawnSync(process.execPath, [script, 'a_seeded', 'c_timing', '--no-run', `--dir=${dir}`, `--first=${dir}/first`, `--out=${dir}/rerun`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(ok.stdout).toMatch(/^repro: 2 same, 0 different or failed$/m);
    expect(ok.status).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300000);

test('copies from another mode or an edited notebook are not compared', () => {
  const nb = (mode: string, source: string) => ({
    metadata: { course_run: { mode } },
    cells: [{ cell_type: 'code', source, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: 'x\n' }] }],
  });
  expect(call('compareNotebooks', nb('full', 'a'), nb('fast', 'a'))).toEqual([{ problem: 'the first run was in full mode, the rerun in fast mode' }]);
  expect(call('compareNotebooks', nb('fast', 'a'), nb('fast', 'b'))[0].problem).toMatch(/notebook changed since the first run/);
  expect(call('compareNotebooks', nb('fast', 'a'), nb('fast', 'a'))).toEqual([]);
});
