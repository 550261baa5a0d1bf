/**
 * The script each chart carries, run in a stand-in page (node:vm): it draws once its
 * element, its JSON and window.Plotly all exist, whichever comes last, and says so in
 * place when Plotly never comes.
 */
import * as vm from 'vm';
import { figuresInHtml, lineChartHtml, PLOTLY_WAIT_MS } from '../../lib/src/plot';

function drawScriptOf(html: string): string {
  const scripts = [...html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(scripts).toHaveLength(1);
  return scripts[0];
}

/** A page with elements by id, a settable window.Plotly, and a manual clock and timer queue. */
function fakePage() {
  const elements = new Map<string, { textContent: string; innerHTML: string; firstChild: { textContent: string }; style: { minHeight?: string } }>();
  const calls: unknown[][] = [];
  let now = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const window: { Plotly?: { newPlot: (...a: unknown[]) => void } } = {};
  const context = vm.createContext({
    window,
    document: { getElementById: (id: string) => elements.get(id) ?? null },
    Date: { now: () => now },
    setTimeout: (fn: () => void, ms: number) => { timers.push({ at: now + ms, fn }); },
    JSON,
  });
  return {
    elements, calls, window, context,
    plotlyArrives() { window.Plotly = { newPlot: (...a: unknown[]) => { calls.push(a); } }; },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > until) break;
        timers.shift();
        now = t.at;
        t.fn();
      }
      now = until;
    },
  };
}

function addElements(page: ReturnType<typeof fakePage>, html: string, id: string) {
  const json = /<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1];
  page.elements.set(id, { textContent: '', innerHTML: '<div>placeholder</div>', firstChild: { textContent: 'placeholder' }, style: {} });
  page.elements.set(`${id}-figure`, { textContent: json, innerHTML: json, firstChild: { textContent: '' }, style: {} });
}

describe('the chart draw script', () => {
  it('waits for the bundle that is rendered after it, then draws the embedded figure', () => {
    const html = lineChartHtml({ series: { loss: [3, 2, 1] }, id: 'c1' });
    const page = fakePage();
    vm.runInContext(drawScriptOf(html), page.context); // element not attached yet, no Plotly
    page.advance(300);
    addElements(page, html, 'c1');
    page.advance(300);
    expect(page.calls).toHaveLength(0);
    page.plotlyArrives();
    page.advance(100);
    expect(page.calls).toHaveLength(1);
    const [el, data, layout, config] = page.calls[0];
    expect(el).toBe(page.elements.get('c1'));
    expect((el as { innerHTML: string }).innerHTML).toBe(''); // placeholder cleared
    expect((el as { style: { minHeight?: string } }).style.minHeight).toBe('400px'); // the box takes its height when drawn
    expect(data).toEqual(figuresInHtml(html)[0].data);
    expect(layout).toEqual(figuresInHtml(html)[0].layout);
    expect(config).toMatchObject({ responsive: true, displaylogo: false });
    page.advance(PLOTLY_WAIT_MS);
    expect(page.calls).toHaveLength(1); // drawn once, polling stopped
  });

  it('says in place that Plotly is missing when it never comes', () => {
    const html = lineChartHtml({ series: [1], id: 'c2' });
    const page = fakePage();
    addElements(page, html, 'c2');
    vm.runInContext(drawScriptOf(html), page.context);
    page.advance(PLOTLY_WAIT_MS + 200);
    expect(page.calls).toHaveLength(0);
    expect(page.elements.get('c2')!.firstChild.textContent).toMatch(/^Plotly is not loaded.*plot\.setup\(\)/);
  });
});

describe('the chart box', () => {
  it('is one line of text until drawn (no empty 400 px box where scripts do not run)', () => {
    const html = lineChartHtml({ series: { loss: [3, 2, 1] }, id: 'c9' });
    expect(html).toMatch(/<div class="seqmodels-plot" id="c9" style="width:100%;">/);
    expect(html).toContain('if this text stays, scripts did not run');
  });
});
