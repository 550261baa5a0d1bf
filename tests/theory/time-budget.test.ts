/**
 * Learning objectives and time budget (issue 21, requirement 7): every unit states its objectives
 * and its time at the top of its notebook (and of its chapter, for the units with one); the README's
 * *Time budget* table holds the same minutes, its totals are their sums, and the sums meet the
 * outline's target (10-13 hours: theory 3-4, notebooks 5-6, exercises 2-3).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const minutes = (cell: string): number => (cell.trim() === '–' ? 0 : Number(cell.trim()));

interface Row { unit: string; notebook: string; theory: number; nb: number; exercises: number; total: number }

function budgetTable(): { rows: Row[]; totals: string[] } {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Time budget');
  if (start < 0) throw new Error('README.md has no "## Time budget" section');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
  const rows: Row[] = [];
  let totals: string[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 6) continue;
    const m = /^`(\d\d_[a-z_0-9]+)`$/.exec(cells[1]);
    if (/^\d\d$/.test(cells[0]) && m) {
      rows.push({ unit: cells[0], notebook: m[1], theory: minutes(cells[2]), nb: minutes(cells[3]), exercises: minutes(cells[4]), total: minutes(cells[5]) });
    } else if (cells[1] === '**total**') totals = cells.slice(2);
  }
  return { rows, totals };
}

const { rows, totals } = budgetTable();
const sum = (k: 'theory' | 'nb' | 'exercises' | 'total') => rows.reduce((a, r) => a + r[k], 0);

test('the README budget lists every notebook once, and each unit row adds up', () => {
  const notebooks = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => f.slice(0, -6)).sort();
  expect(rows.map((r) => r.notebook).sort()).toEqual(notebooks);
  for (const r of rows) {
    expect(Number.isInteger(r.nb) && r.nb > 0).toBe(true);
    expect({ unit: r.unit, total: r.total }).toEqual({ unit: r.unit, total: r.theory + r.nb + r.exercises });
  }
});

test('the totals row is the sum of the units, in minutes and hours', () => {
  const fmt = (m: number) => `**${m} (${(m / 60).toFixed(1)} h)**`;
  expect(totals).toEqual([fmt(sum('theory')), fmt(sum('nb')), fmt(sum('exercises')), fmt(sum('total'))]);
});

test("the sums meet the outline's target: 10-13 h in all, theory 3-4 h, notebooks 5-6 h, exercises 2-3 h", () => {
  const h = (k: 'theory' | 'nb' | 'exercises' | 'total') => sum(k) / 60;
  expect(h('total')).toBeGreaterThanOrEqual(10);
  expect(h('total')).toBeLessThanOrEqual(13);
  expect([h('theory') >= 3 && h('theory') <= 4, h('nb') >= 5 && h('nb') <= 6, h('exercises') >= 2 && h('exercises') <= 3]).toEqual([true, true, true]);
});

describe.each(rows.map((r) => [r.notebook, r] as const))('notebook %s', (name, r) => {
  const nb = JSON.parse(read(`notebooks/${name}.ipynb`)) as { cells: { id?: string; cell_type: string; source: string[] }[] };
  const cell = nb.cells.slice(0, 3).find((c) => c.cell_type === 'markdown' && c.source.join('').includes('**Objectives.**'));

  test('states its objectives near the top (at least two things the learner can do)', () => {
    expect(cell).toBeDefined();
    const text = cell!.source.join('');
    expect(text).toContain('After this unit you can:');
    expect((text.match(/^- /gm) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  test('states the minutes of the README for its notebook, exercises and theory', () => {
    const text = cell!.source.join('');
    const row = (label: string) => {
      const m = new RegExp(`^\\| ${label}[^|]*\\| (\\d+|–)(?: min)? \\|$`, 'm').exec(text);
      if (!m) throw new Error(`${name}: no "| ${label} … | N min |" row in its time table`);
      return minutes(m[1]);
    };
    expect({ theory: row('theory'), notebook: row('this notebook'), exercises: row('exercises') }).toEqual({ theory: r.theory, notebook: r.nb, exercises: r.exercises });
    const dir = fs.readdirSync(path.join(ROOT, 'exercises')).find((d) => d.startsWith(`${r.unit}_`));
    if (dir) {
      const n = fs.readdirSync(path.join(ROOT, 'exercises', dir)).filter((f) => f.endsWith('.ts')).length;
      expect(text).toContain(`exercises: \`exercises/${dir}/\` (${n})`);
      expect(r.exercises).toBeGreaterThan(0);
    } else expect(r.exercises).toBe(0);
  });
});

const chapters = fs.readdirSync(path.join(ROOT, 'theory')).filter((f) => /^\d\d_.*\.md$/.test(f)).sort();

test.each(chapters)('chapter %s: its reading time and objectives agree with its unit in the README', (file) => {
  const md = read(`theory/${file}`);
  const nbLink = /notebooks\/(\d\d_[a-z_0-9]+)\.ipynb/.exec(md);
  expect(nbLink).not.toBeNull();
  const row = rows.find((r) => r.notebook === nbLink![1])!;
  expect(row).toBeDefined();
  const header = /^\*Estimated reading time: (\d+) minutes\.\*$/m.exec(md);
  expect(header && Number(header[1])).toBe(row.theory);
  expect(md).toContain('**After this chapter you can:**');
  const unitLine = new RegExp(`Time for unit ${row.unit}: this chapter (\\d+) min, notebook \`${row.notebook}\` (\\d+) min, exercises (\\d+) min`).exec(md);
  expect(unitLine && unitLine.slice(1).map(Number)).toEqual([row.theory, row.nb, row.exercises]);
});

test('every chapter is the own theory of exactly one unit, and those units have theory time', () => {
  const owners = chapters.map((f) => /notebooks\/(\d\d_[a-z_0-9]+)\.ipynb/.exec(read(`theory/${f}`))![1]);
  expect(new Set(owners).size).toBe(chapters.length);
  expect(rows.filter((r) => r.theory > 0).map((r) => r.notebook).sort()).toEqual([...owners].sort());
});

/**
 * The objectives keep up with what the units teach (issue 21): material added to a unit appears in
 * what its notebook and its chapter say the learner can do after it.
 */
const objectivesOf = (file: string): string => {
  if (file.endsWith('.md')) {
    const md = read(file);
    const start = md.indexOf('**After this chapter you can:**');
    return md.slice(start, md.indexOf('\nTime for unit', start));
  }
  const nb = JSON.parse(read(file)) as { cells: { cell_type: string; source: string[] }[] };
  return nb.cells.slice(0, 3).map((c) => c.source.join('')).find((s) => s.includes('**Objectives.**'))!.split('**Time.**')[0];
};

test.each([
  ['notebooks/03_gru_from_scratch.ipynb', [/fastGru\(\{ resetAfter: true \}\)/, /PyTorch/]],
  ['theory/03_gru_architecture.md', [/fastGru\(\{ resetAfter: true \}\)/, /PyTorch/]],
  ['notebooks/06_time_series_forecasting.ipynb', [/autoregressive/, /direct/, /error against the horizon/, /baseline/]],
  ['notebooks/07_sentiment_analysis.ipynb', [/overfitting/, /\bdropout/, /recurrent dropout/, /early stopping/]],
  ['theory/02_lstm_architecture.md', [/\bdropout/, /recurrent dropout/, /early stopping/]],
] as const)('the objectives of %s name what the unit teaches', (file, patterns) => {
  const text = objectivesOf(file);
  for (const p of patterns) expect({ file, mentions: String(p), found: p.test(text) }).toEqual({ file, mentions: String(p), found: true });
});
