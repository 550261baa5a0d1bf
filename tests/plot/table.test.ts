/**
 * showTable: rows, rows by name and danfojs objects as one output with an HTML table (that
 * scrolls inside its box) and a plain-text table whose lines stay within the width and whose
 * words are never broken.
 */
import { DataFrame } from 'danfojs-node';
import { DisplayTarget, setDisplayTarget, showTable, tableHtml, tableText } from '../../lib/src/plot';
import { tableCells, wrapWords } from '../../lib/src/plot/table';

afterEach(() => setDisplayTarget(undefined));

const words = (s: string) => s.split(/[\s│┌┐└┘├┤┬┴┼─]+/).filter(Boolean);

describe('tableCells reads what console.table reads', () => {
  test.each([
    ['rows as objects', [{ a: 1, b: 'x' }, { a: 2.5, c: true }], ['a', 'b', 'c'], [['1', 'x', ''], ['2.5', '', 'true']], false],
    ['rows by name', { rnn: { params: 10 }, gru: { params: 30 } }, ['params'], [['10'], ['30']], true],
    ['a config object', { epochs: 3, lr: 0.001 }, ['value'], [['3'], ['0.001']], true],
    ['rows as arrays', [[1, 2], [3, 4]], ['0', '1'], [['1', '2'], ['3', '4']], false],
    ['single values', [0.1234567891, 2], ['value'], [['0.123457'], ['2']], false],
  ])('%s', (_what, data, columns, rows, showIndex) => {
    const t = tableCells(data as never);
    expect(t.columns).toEqual(columns);
    expect(t.rows).toEqual(rows);
    expect(t.showIndex).toBe(showIndex);
  });

  it('a danfojs DataFrame: its columns, index and values', () => {
    const df = new DataFrame({ date: ['2010-01-01', '2010-01-02'], temp: [-5.5, -3] });
    const t = tableCells(df);
    expect(t.columns).toEqual(['date', 'temp']);
    expect(t.index).toEqual(['0', '1']);
    expect(t.rows).toEqual([['2010-01-01', '-5.5'], ['2010-01-02', '-3']]);
    expect(t.numeric).toEqual([false, true]);
  });

  it('shows at most maxRows rows and counts the rest', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ i }));
    expect(tableText(rows, { maxRows: 5 })).toContain('… 7 more rows (maxRows: 5)');
    expect(tableHtml(rows, { maxRows: 5 }).match(/<tr>/g)).toHaveLength(6); // header + 5
  });
});

describe('the plain-text table', () => {
  const review = 'this film was a slow burn but the ending made every minute of it worth the wait and more';
  const wide = Array.from({ length: 4 }, (_, i) => ({
    review, label: i % 2, 'a long column name': 1234.5678 * i, another: 'x'.repeat(30), more: 'y'.repeat(30),
  }));

  it('keeps every line within the width and never breaks a word', () => {
    const text = tableText(wide, { width: 100 });
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    const allWords = new Set(words(text));
    for (const w of review.split(' ')) expect(allWords.has(w)).toBe(true); // whole words only
    expect(allWords.has('x'.repeat(30))).toBe(true);
  });

  it('cuts a wide table into blocks of whole columns that repeat the row labels', () => {
    const byName = Object.fromEntries(wide.map((r, i) => [`row${i}`, r]));
    const text = tableText(byName, { width: 80 });
    const blocks = text.split('┌').length - 1;
    expect(blocks).toBeGreaterThan(1);
    expect(text.split('row3').length - 1).toBe(blocks);
  });

  it('wrapWords splits between words only', () => {
    expect(wrapWords('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapWords('a verylongword b', 4)).toEqual(['a', 'verylongword', 'b']);
  });
});

describe('the HTML table', () => {
  it('scrolls sideways inside its box, escapes text, right-aligns numbers', () => {
    const html = tableHtml([{ name: '<b>', n: 3 }], { title: 'T & co' });
    expect(html).toMatch(/^<div class="seqmodels-table" style="[^"]*overflow-x:auto/);
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('T &amp; co');
    expect(html).toMatch(/<td style="[^"]*text-align:right[^"]*">3<\/td>/);
    expect(html).not.toMatch(/word-break:break-all/);
  });
});

describe('showTable', () => {
  it('in a notebook: one output with the HTML and the plain text', () => {
    const bundles: Array<Record<string, string>> = [];
    const target: DisplayTarget = {
      display: { html: () => { throw new Error('should send both forms in one output'); } },
      newDisplay: () => ({ html: () => {} }),
      mimeBundle: (d) => { bundles.push(d); },
    };
    setDisplayTarget(target);
    showTable([{ a: 1 }]);
    expect(bundles).toHaveLength(1);
    expect(Object.keys(bundles[0]).sort()).toEqual(['text/html', 'text/plain']);
    expect(bundles[0]['text/plain']).toBe(tableText([{ a: 1 }]));
  });

  it('where only HTML can be sent, sends the HTML', () => {
    const html: string[] = [];
    setDisplayTarget({ display: { html: (s) => { html.push(s); } }, newDisplay: () => ({ html: () => {} }) });
    showTable({ a: 1 });
    expect(html).toEqual([tableHtml({ a: 1 })]);
  });

  it('outside a notebook: prints the text', () => {
    setDisplayTarget(null);
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true; });
    showTable([{ a: 1 }]);
    spy.mockRestore();
    expect(out.join('')).toBe(tableText([{ a: 1 }]));
  });

  it('says what it accepts', () => {
    expect(() => tableCells(42 as never)).toThrow(/expected rows/);
  });
});

describe('HTML cell wrapping', () => {
  it('keeps numbers and short texts on one line and lets long texts wrap between words only', () => {
    const review = 'a slow burn, but the ending made every minute of it worth the wait';
    const html = tableHtml([{ date: '2010-01-01 04:00', n: 12.5, review }]);
    const cells = [...html.matchAll(/<td style="([^"]*)">([^<]*)<\/td>/g)].map((m) => ({ style: m[1], text: m[2] }));
    expect(cells.map((c) => c.text)).toEqual(['2010-01-01 04:00', '12.5', review]);
    expect(cells[0].style).toContain('white-space:nowrap');
    expect(cells[1].style).toContain('white-space:nowrap');
    expect(cells[2].style).not.toContain('nowrap');
    expect(cells[2].style).toContain('word-break:normal');
    expect(cells[2].style).toContain('min-width:12em');
  });
});
