// Issue #18: notebook code reads without being cut at the cell's edge. Every line of every code
// cell of notebooks/*.ipynb is at most 100 characters (JupyterLab's default cell shows about
// that many at its default font size); a longer line is reflowed by hand, readably.
import * as fs from 'fs';
import * as path from 'path';

const MAX_LINE = 100;
const dir = path.resolve(__dirname, '..', '..', 'notebooks');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();

/** The code lines longer than `max` characters, as "cell N, line K (L chars): text". */
function longCodeLines(nb: { cells: Array<{ cell_type: string; source: string | string[] }> }, max = MAX_LINE) {
  const out: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    const lines = (Array.isArray(cell.source) ? cell.source.join('') : cell.source).split('\n');
    lines.forEach((line, k) => {
      // Characters as the editor shows them (one per code point).
      const length = Array.from(line).length;
      if (length > max) out.push(`cell ${i + 1}, line ${k + 1} (${length} chars): ${line.trim().slice(0, 60)}…`);
    });
  });
  return out;
}

test('the check finds a long line and counts characters, not UTF-16 units', () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', source: 'x'.repeat(300) },
      { cell_type: 'code', source: ['const a = 1;\n', `// ${'y'.repeat(98)}\n`, `// ${'∂'.repeat(97)}`] },
    ],
  };
  expect(longCodeLines(nb)).toEqual([expect.stringMatching(/^cell 2, line 2 \(101 chars\)/)]);
});

test.each(files)('%s: code lines are at most 100 characters', (f) => {
  const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  expect({ file: f, longLines: longCodeLines(nb) }).toEqual({ file: f, longLines: [] });
});
