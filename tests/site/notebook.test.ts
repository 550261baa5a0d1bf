// The site builder's notebook renderer, page frame and course map.
export {};

type Output = Record<string, unknown>;
interface SiteNotebook {
  stripAnsi(s: string): string;
  applyCarriageReturns(s: string): string;
  outputHtml(out: Output, md: (s: string) => string): string;
  externalizeBundles(html: string, save: (code: string) => string): string;
  notebookTitle(nb: unknown, fallback: string): string;
  notebookSummary(nb: unknown): { code: number; executed: number; errors: number };
  notebookHtml(nb: unknown, md: (s: string) => string, transformHtml?: (h: string) => string): string;
}
interface SitePage {
  pageHtml(o: { sitePath: string; title: string; body: string; nav?: { title: string; sitePath: string }[]; formulas?: number }): string;
  courseMapTable(readme: string, lexer: (md: string) => unknown[]): { header: string[]; rows: string[][] } | null;
  courseMapCells(row: string[], header: string[], o: { chapters: Record<string, string>; notebooks: Record<string, string>; inline: (s: string) => string }): string[];
}
/* eslint-disable @typescript-eslint/no-var-requires */
const nbr = require('../../scripts/site/notebook.cjs') as SiteNotebook;
const page = require('../../scripts/site/page.cjs') as SitePage;
const { marked } = require('marked') as { marked: { lexer(md: string): unknown[]; parseInline(md: string): string } };
/* eslint-enable @typescript-eslint/no-var-requires */

const md = (s: string) => `<p>${s}</p>`;
const ran = { execution: { 'shell.execute_reply': '2026-11-25T08:55:38Z' } };

describe('outputs', () => {
  test.each([
    ['stdout', { output_type: 'stream', name: 'stdout', text: ['a < b\n'] }, '<pre class="output-stream output-stdout">a &lt; b\n</pre>'],
    ['stderr', { output_type: 'stream', name: 'stderr', text: 'oops' }, '<pre class="output-stream output-stderr">oops</pre>'],
    ['html verbatim (scripts run)', { output_type: 'display_data', data: { 'text/html': '<div id="p"></div><script>draw()</script>', 'text/plain': 'x' } },
      '<div class="output-html"><div id="p"></div><script>draw()</script></div>'],
    ['png as data URI', { output_type: 'display_data', data: { 'image/png': 'iVBO\nRw==' } },
      '<div class="output-image"><img alt="output image" src="data:image/png;base64,iVBORw=="></div>'],
    ['plain text result', { output_type: 'execute_result', data: { 'text/plain': '[ 1, 2 ]' } }, '<pre class="output-text">[ 1, 2 ]</pre>'],
    ['error without colours', { output_type: 'error', ename: 'E', evalue: 'v', traceback: ['\u001b[31mTypeError\u001b[0m: x'] },
      '<pre class="output-error">TypeError: x</pre>'],
    ['unknown output type', { output_type: 'widget' }, ''],
  ])('%s', (_name, out, html) => {
    expect(nbr.outputHtml(out, md)).toBe(html);
  });

  test('carriage returns keep the last state of each line, as a terminal shows it', () => {
    expect(nbr.applyCarriageReturns('10%\r50%\r100%\ndone\n')).toBe('100%\ndone\n');
  });

  test('the inlined plotly bundle moves to a shared file; chart scripts stay', () => {
    const html = '<script type="text/javascript" data-seqmodels-plotly="bundle">\nwindow.Plotly = {};\n</script>\n<script>draw()</script>';
    const saved: string[] = [];
    const out = nbr.externalizeBundles(html, (code) => { saved.push(code); return '../assets/plotly-abc.js'; });
    expect(saved).toEqual(['\nwindow.Plotly = {};\n']);
    expect(out).toBe('<script type="text/javascript" data-seqmodels-plotly="bundle" src="../assets/plotly-abc.js"></script>\n<script>draw()</script>');
  });
});

describe('notebooks', () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', source: ['# 06 · Forecasting\n', 'text'] },
      { cell_type: 'code', source: 'const a = 1;', execution_count: null, metadata: ran, outputs: [] },
      { cell_type: 'code', source: 'a <', execution_count: null, metadata: ran, outputs: [{ output_type: 'error', ename: 'E', evalue: 'v', traceback: [] }] },
      { cell_type: 'code', source: 'never', execution_count: null, metadata: {}, outputs: [] },
    ],
  };

  test('title, and which cells ran (tslab leaves execution counts empty: nbclient timings count)', () => {
    expect(nbr.notebookTitle(nb, 'x.ipynb')).toBe('06 · Forecasting');
    expect(nbr.notebookTitle({ cells: [] }, 'x.ipynb')).toBe('x.ipynb');
    expect(nbr.notebookSummary(nb)).toEqual({ code: 3, executed: 2, errors: 1 });
  });

  test('cells in order, source escaped, prompts numbered by run order', () => {
    const html = nbr.notebookHtml(nb, md);
    expect(html.indexOf('06 · Forecasting')).toBeLessThan(html.indexOf('tok-keyword'));
    expect(html).toContain('<span class="tok-keyword">const</span> a = <span class="tok-number">1</span>;');
    expect(html).toContain('a &lt;');
    expect(html).toContain('In [1]:');
    expect(html).toContain('In [2]:');
    expect(html).toContain('In [ ]:');
    expect(html).toContain('<pre class="output-error">E: v</pre>');
  });
});

describe('page frame and course map', () => {
  test('stylesheets and navigation are relative to the page', () => {
    const html = page.pageHtml({ sitePath: 'theory/01.html', title: 'A < B', body: '<p>x</p>', formulas: 3,
      nav: [{ title: 'Course map', sitePath: 'index.html' }, { title: 'Theory 01', sitePath: 'theory/01.html' }] });
    expect(html).toContain('<link rel="stylesheet" href="../assets/katex/katex.min.css">');
    expect(html).toContain('<a href="../index.html">Course map</a>');
    expect(html).toContain('<span class="nav-current">Theory 01</span>');
    expect(html).toContain('<title>A &lt; B</title>');
    expect(html).toContain('<meta name="seqmodels-formulas" content="3">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  const readme = '# Course\n\n## Course map\n\n| # | notebook | theory | what it teaches |\n|---|---|---|---|\n'
    + '| 00 | `00_setup` | – | the environment |\n'
    + '| 01 | `01_rnn_from_scratch` | [01 RNN](theory/01_rnn.md) | BPTT |\n'
    + '| 04 | `04_text_generation` | 02, 01 | sampling |\n\n## Next\n\n| a |\n|---|\n| b |\n';

  test('the table under "Course map" is found', () => {
    const t = page.courseMapTable(readme, (s) => marked.lexer(s));
    expect(t?.header).toEqual(['#', 'notebook', 'theory', 'what it teaches']);
    expect(t?.rows.map((r) => r[1])).toEqual(['`00_setup`', '`01_rnn_from_scratch`', '`04_text_generation`']);
    expect(page.courseMapTable('# none\n', (s) => marked.lexer(s))).toBeNull();
  });

  test.each([
    ['a notebook with a page is linked', ['00', '`00_setup`', '–', 'x'], 1, '<a href="notebooks/00_setup.html"><code>00_setup</code></a>'],
    ['a notebook without one is being written', ['01', '`01_rnn_from_scratch`', '', ''], 1, '<code>01_rnn_from_scratch</code> <span class="pending">(being written)</span>'],
    ['chapter numbers link to chapters', ['04', '`x`', '02, 01', ''], 2, '<a href="theory/02.html">02</a>, <a href="theory/01.html">01</a>'],
    ['a number without a chapter stays text', ['04', '`x`', '07', ''], 2, '07'],
  ])('%s', (_name, row, col, html) => {
    const header = ['#', 'notebook', 'theory', 'what it teaches'];
    const cells = page.courseMapCells(row, header, {
      chapters: { '01': 'theory/01.html', '02': 'theory/02.html' },
      notebooks: { '00_setup': 'notebooks/00_setup.html' },
      inline: (s) => marked.parseInline(s),
    });
    expect(cells[col]).toBe(html);
  });
});

describe('code cells are highlighted as TypeScript', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { highlightTs } = require('../../scripts/site/highlight.cjs') as { highlightTs(code: string): string };
  test.each([
    ['keywords', 'const x = await f();', '<span class="tok-keyword">const</span> x = <span class="tok-keyword">await</span> f();'],
    ['a keyword inside a string stays string', '"if // not a comment"', '<span class="tok-string">&quot;if // not a comment&quot;</span>'],
    ['a comment to the end of the line', 'x; // for now\ny', 'x; <span class="tok-comment">// for now</span>\ny'],
    ['numbers, not inside names', 'f(1.5e-3, x2)', 'f(<span class="tok-number">1.5e-3</span>, x2)'],
    ['template literals are one string', '`a ${b}`', '<span class="tok-string">`a ${b}`</span>'],
    ['html is escaped', 'a < b && c', 'a &lt; b &amp;&amp; c'],
  ])('%s', (_name, code, html) => {
    expect(highlightTs(code)).toBe(html);
  });
});
