// Issue #18: the notebook runner prints each executed notebook's size (and flags more than one
// plotly bundle); `npm run bench` flags a notebook over 3 MB. Tables reach the saved notebook
// with an HTML and a plain-text form.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { fixtureNotebook: notebook } = require('./jupyter-env');

/** notebookReport of scripts/notebook-limits.mjs, called in a Node process (an ES module). */
function report(times: object): { lines: string[]; overMemory: string[]; overSize: string[] } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { notebookReport } from ${JSON.stringify(path.join(root, 'scripts', 'notebook-limits.mjs'))};
     console.log(JSON.stringify(notebookReport(${JSON.stringify(times)})))`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

test('the bench report flags executed notebooks over 3 MB, in full and in fast mode, and shows every size', () => {
  const r = report({
    'a.ipynb:full': { seconds: 10, peakMemoryMB: 500, sizeMB: 2.4, ok: true },
    'b.ipynb:full': { seconds: 10, peakMemoryMB: 500, sizeMB: 3.2, ok: true },
    'c.ipynb:fast': { seconds: 10, peakMemoryMB: 500, sizeMB: 14.6, ok: true },
    'd.ipynb:full': { seconds: 10, peakMemoryMB: 3500, ok: true }, // recorded before sizes were
  });
  expect(r.overSize).toEqual(['b.ipynb:full', 'c.ipynb:fast']);
  expect(r.overMemory).toEqual(['d.ipynb:full']);
  expect(r.lines[0]).toMatch(/size\s+2\.4 MB\s*$/);
  expect(r.lines[1]).toMatch(/size\s+3\.2 MB OVER 3 MB ON DISK$/);
  expect(r.lines[2]).toMatch(/OVER 3 MB ON DISK \(even in fast mode\)$/);
  expect(r.lines[3]).toMatch(/size\s+n\/a OVER 3 GB$/);
});

test('the runner prints the size of the executed copy and counts plotly bundles; tables carry HTML and text', () => {
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'build', 'size-test-'));
  try {
    fs.writeFileSync(path.join(dir, 'heavy.ipynb'), notebook([
      'import { plot, showTable } from "seqmodels";\nplot.setup();\nplot.setup();',
      'showTable([{ word: "forget", count: 3 }, { word: "gate", count: 12 }]);',
      'require("tslab").display.html("<p>" + "x".repeat(1_500_000) + "</p>");',
    ]));
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), `--dir=${dir}`, `--out=${dir}/out`], {
      cwd: root, encoding: 'utf8', timeout: 180000,
    });
    const file = path.join(dir, 'out', 'heavy.ipynb');
    const mb = (fs.statSync(file).size / 1e6).toFixed(1);
    expect(r.stdout).toMatch(new RegExp(`^ok\\s+heavy\\.ipynb .* size\\s+${mb.replace('.', '\\.')} MB `
      + '\\(over the 3 MB limit, 2 copies of the plotly bundle\\)', 'm'));
    // two bundles of about 2 MB each, and the 1.5 MB paragraph
    expect(Number(mb)).toBeGreaterThan(4.5);
    expect(Number(mb)).toBeLessThan(7);
    const table = JSON.parse(fs.readFileSync(file, 'utf8')).cells[1].outputs;
    expect(table).toHaveLength(1);
    expect(Object.keys(table[0].data).sort()).toEqual(['text/html', 'text/plain']);
    const text = [].concat(table[0].data['text/plain']).join('');
    expect(text).toMatch(/│ word\s+│ count │/);
    expect([].concat(table[0].data['text/html']).join('')).toContain('<td');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('npm run repro compares tables by their plain-text form', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { tableHtml, tableText } = require('../../lib/src/plot/table');
  const script = path.join(root, 'scripts', 'check-reproducible.mjs');
  const nbWith = (rows: object[]) => ({
    metadata: {},
    cells: [{ cell_type: 'code', source: 'showTable(rows)', metadata: {}, outputs: [{
      output_type: 'display_data', metadata: {}, data: { 'text/html': tableHtml(rows), 'text/plain': tableText(rows) },
    }] }],
  });
  function compare(a: object, b: object) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      `import { compareNotebooks } from ${JSON.stringify(script)};
       console.log(JSON.stringify(compareNotebooks(${JSON.stringify(a)}, ${JSON.stringify(b)})))`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  }

  test('a timed column is masked, a different value is reported', () => {
    const first = [{ cell: 'GRU', 'seconds per epoch': 1.48, accuracy: 0.97 }, { cell: 'LSTM', 'seconds per epoch': 2.1, accuracy: 0.95 }];
    const slower = first.map((r) => ({ ...r, 'seconds per epoch': r['seconds per epoch'] * 3.3 }));
    expect(compare(nbWith(first), nbWith(slower))).toEqual([]);
    const worse = first.map((r, i) => ({ ...r, accuracy: i === 1 ? 0.91 : r.accuracy }));
    const diffs = compare(nbWith(first), nbWith(worse));
    expect(diffs).toHaveLength(1);
    expect(diffs[0].first).toContain('0.95');
    expect(diffs[0].rerun).toContain('0.91');
  });
});
