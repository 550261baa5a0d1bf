// The site builder's markdown: math by KaTeX, GitHub heading ids, links rewritten to site pages.
export {};

interface Stats { formulas: number; errors: string[]; offsite: string[]; headings: { depth: number; id: string; text: string }[] }
interface SiteMarkdown {
  slugify(text: string, seen?: Map<string, number>): string;
  headingPlainText(raw: string): string;
  rewriteHref(href: string, fromPath: string, pageFor: (p: string) => string | null): { href?: string; offsite?: string };
  posixRelative(fromDir: string, to: string): string;
  createRenderer(opts: { fromPath: string; pageFor: (p: string) => string | null }): {
    stats: Stats; render(md: string): string; renderInline(md: string): string;
  };
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const site = require('../../scripts/site/markdown.cjs') as SiteMarkdown;

const pages: Record<string, string> = {
  'README.md': 'index.html',
  'theory/01_rnn_fundamentals.md': 'theory/01_rnn_fundamentals.html',
  'theory/figures/rnn_unrolled.svg': 'theory/figures/rnn_unrolled.svg',
  'notebooks/00_setup.ipynb': 'notebooks/00_setup.html',
};
const pageFor = (p: string) => pages[p] ?? null;

describe('slugify: the ids GitHub gives headings (the chapters link to them)', () => {
  test.each([
    ['2. The GRU step (reset before the recurrent matmul)', '2-the-gru-step-reset-before-the-recurrent-matmul'],
    ['9. Weight layouts: tf.layers, PyTorch, this library', '9-weight-layouts-tflayers-pytorch-this-library'],
    ['13. Summary', '13-summary'],
    ['Reset/update gates — both conventions', 'resetupdate-gates--both-conventions'],
    ['Grüße', 'grüße'],
  ])('%s', (text, id) => {
    expect(site.slugify(text)).toBe(id);
  });

  test('a repeated heading gets -1, -2', () => {
    const seen = new Map<string, number>();
    expect(['Exercises', 'Exercises', 'Exercises'].map((t) => site.slugify(t, seen))).toEqual(['exercises', 'exercises-1', 'exercises-2']);
  });

  test('markup is dropped before slugging', () => {
    expect(site.slugify(site.headingPlainText('The `tanh` of $h_t$ and [a link](x.md)'))).toBe('the-tanh-of-h_t-and-a-link');
  });
});

describe('rewriteHref: repository paths to site pages', () => {
  test.each([
    // [href, from, expected]
    ['../theory/01_rnn_fundamentals.md', 'notebooks/00_setup.ipynb', { href: '../theory/01_rnn_fundamentals.html' }],
    ['01_rnn_fundamentals.md#3-the-recurrent-step', 'theory/02_lstm_architecture.md', { href: '01_rnn_fundamentals.html#3-the-recurrent-step' }],
    ['figures/rnn_unrolled.svg', 'theory/01_rnn_fundamentals.md', { href: 'figures/rnn_unrolled.svg' }],
    ['theory/01_rnn_fundamentals.md', 'README.md', { href: 'theory/01_rnn_fundamentals.html' }],
    ['../notebooks/00_setup.ipynb', 'theory/01_rnn_fundamentals.md', { href: '../notebooks/00_setup.html' }],
    ['../README.md', 'theory/01_rnn_fundamentals.md', { href: '../index.html' }],
    ['../exercises/README.md', 'theory/01_rnn_fundamentals.md', { offsite: 'exercises/README.md' }],
    ['../notebooks/09_advanced_architectures.ipynb', 'theory/05_advanced_architectures.md', { offsite: 'notebooks/09_advanced_architectures.ipynb' }],
    ['../../outside.md', 'theory/01_rnn_fundamentals.md', { offsite: '../outside.md' }],
    ['https://example.org/a.md', 'theory/01_rnn_fundamentals.md', { href: 'https://example.org/a.md' }],
    ['#5-output-layer', 'theory/01_rnn_fundamentals.md', { href: '#5-output-layer' }],
    ['mailto:someone@example.org', 'README.md', { href: 'mailto:someone@example.org' }],
  ])('%s from %s', (href, from, expected) => {
    expect(site.rewriteHref(href, from, pageFor)).toEqual(expected);
  });

  test.each([
    ['', 'index.html', 'index.html'],
    ['theory', 'theory/figures/a.svg', 'figures/a.svg'],
    ['notebooks', 'theory/01.html', '../theory/01.html'],
    ['theory', 'index.html', '../index.html'],
  ])('posixRelative(%j, %j) = %j', (from, to, rel) => {
    expect(site.posixRelative(from, to)).toBe(rel);
  });
});

describe('math: $…$ and $$…$$ become KaTeX HTML at build time', () => {
  const render = (md: string) => {
    const r = site.createRenderer({ fromPath: 'theory/01_rnn_fundamentals.md', pageFor });
    return { html: r.render(md), stats: r.stats };
  };

  test('inline and display formulas are counted and rendered', () => {
    const { html, stats } = render('The state $h_t$ is\n\n$$\nh_t = \\tanh(x_t W + h_{t-1} U + b)\n$$\n');
    expect(stats.formulas).toBe(2);
    expect(stats.errors).toEqual([]);
    expect(html).toContain('class="katex-display"');
    expect(html).not.toContain('$');
  });

  test('backslashes and underscores inside math are not markdown', () => {
    const { html, stats } = render('Gates $i_t \\odot \\tilde c_t$ and $x_{t}^{*}$ with *emphasis*.');
    expect(stats.formulas).toBe(2);
    expect(html).toContain('<em>emphasis</em>');
    expect(html).toContain('annotation encoding="application/x-tex">i_t \\odot \\tilde c_t</annotation>');
  });

  test.each([
    ['code spans keep their dollars', 'run `echo $HOME` now', 0],
    ['an escaped dollar is text', 'costs \\$5 in total', 0],
    ['prices are not math', 'between $5 and $6', 0],
    ['a formula inside a table cell', '| a | b |\n|---|---|\n| $x^2$ | y |', 1],
    ['a formula on two lines', 'so $a +\nb$ holds', 1],
  ])('%s', (_name, md, count) => {
    expect(render(md).stats.formulas).toBe(count);
  });

  test('a formula KaTeX cannot parse is reported, not thrown', () => {
    const { html, stats } = render('bad $\\frac{1}{$ here');
    expect(stats.errors).toHaveLength(1);
    expect(html).toContain('katex-error');
  });
});

describe('rendered links and headings', () => {
  test('headings carry ids, links point at pages, files not on the site become paths', () => {
    const r = site.createRenderer({ fromPath: 'theory/01_rnn_fundamentals.md', pageFor });
    const html = r.render('## 3. The recurrent step\n\nSee [the notebook](../notebooks/00_setup.ipynb), '
      + '[the exercises](../exercises/README.md) and ![unrolled](figures/rnn_unrolled.svg).');
    expect(html).toContain('<h2 id="3-the-recurrent-step">');
    expect(html).toContain('<a href="../notebooks/00_setup.html">the notebook</a>');
    expect(html).toContain('<img src="figures/rnn_unrolled.svg" alt="unrolled">');
    expect(html).not.toContain('href="../exercises');
    expect(html).toContain('<code>exercises/README.md</code>');
    expect(r.stats.offsite).toEqual(['exercises/README.md']);
  });
});
