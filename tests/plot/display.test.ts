/**
 * Display forms: the plotly bundle travels once per process, in front of the first chart;
 * tslab is found through the kernel's hook and never loaded outside a kernel.
 */
import {
  DisplayTarget, barChart, figuresInHtml, forecastChart, heatmap, inNotebook, lineChart, loadPlotly, pageHtml,
  plotlyBundleEmitted, plotlyBundleScript, resetPlotlyBundle, scatterChart, setDisplayTarget, lineChartHtml,
} from '../../lib/src/plot';

const BUNDLE = 'data-seqmodels-plotly="bundle"';
const count = (s: string, sub: string) => s.split(sub).length - 1;

function fakeTslab() {
  const outputs: string[] = [];
  const target: DisplayTarget = {
    display: { html: (s) => { outputs.push(s); } },
    newDisplay: () => ({ html: (s) => { outputs.push(s); } }),
  };
  return { outputs, target };
}

afterEach(() => {
  setDisplayTarget(undefined);
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
});

describe('the plotly bundle', () => {
  it('is one script that unpacks the compressed bundle unless window.Plotly exists, with loaders shadowed', () => {
    const s = plotlyBundleScript();
    expect(s.startsWith(`<script type="text/javascript" ${BUNDLE}`)).toBe(true);
    expect(s).toContain('if (window.Plotly || window.__seqmodelsPlotly) return;');
    expect(s).toContain("new DecompressionStream('gzip')");
    expect(s).toContain('(function (module, exports, define) {');
    expect(count(s, '</script')).toBe(1);
    // the minified bundle, gzipped, in base64: about 2 MB (the unminified bundle was 11.2 MB)
    expect(s.length).toBeGreaterThan(1_000_000);
    expect(s.length).toBeLessThan(2_500_000);
  });

  it('appears exactly once across several charts in one process, in the first output', () => {
    resetPlotlyBundle();
    const nb = fakeTslab();
    setDisplayTarget(nb.target);
    lineChart({ series: { train: [3, 2, 1] } });
    heatmap({ z: [[0, 1], [1, 0]], xLabels: 'ab' });
    forecastChart({ truth: [1, 2, 3], forecast: [3] });
    barChart({ values: { a: 1, b: 2 } });
    scatterChart({ points: [[0, 0], [1, 1]], labels: 'xy' });
    expect(nb.outputs).toHaveLength(5);
    expect(count(nb.outputs.join('\n'), BUNDLE)).toBe(1);
    expect(nb.outputs[0].startsWith(`<script type="text/javascript" ${BUNDLE}`)).toBe(true);
    // every output still carries its own figure
    expect(nb.outputs.map((h) => figuresInHtml(h)[0].data[0].type))
      .toEqual(['scatter', 'heatmap', 'scatter', 'bar', 'scatter']);
    expect(plotlyBundleEmitted()).toBe(true);
  });

  it('loadPlotly() emits it again, on its own', () => {
    const nb = fakeTslab();
    setDisplayTarget(nb.target);
    loadPlotly();
    lineChart({ series: [1, 2] });
    expect(nb.outputs.map((h) => count(h, BUNDLE))).toEqual([1, 0]);
    expect(figuresInHtml(nb.outputs[0])).toHaveLength(0);
  });

  it('pageHtml inlines it once for a standalone page', () => {
    const page = pageHtml([lineChartHtml({ series: [1] }), lineChartHtml({ series: [2] })], 'two <charts>');
    expect(count(page, BUNDLE)).toBe(1);
    expect(figuresInHtml(page)).toHaveLength(2);
    expect(page).toContain('<title>two &lt;charts></title>');
  });
});

describe('finding tslab', () => {
  it('outside a kernel: nothing is displayed and tslab is not loaded', () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => { writes.push(String(s)); return true; });
    expect(inNotebook()).toBe(false);
    expect(() => lineChart({ series: [1, 2] })).not.toThrow();
    lineChart({ series: [1, 2] });
    spy.mockRestore();
    expect(writes.filter((w) => w.includes('not in a notebook'))).toHaveLength(1); // said once
    expect(Object.keys(require.cache).some((k) => k.includes(`${'node_modules'}/tslab/`))).toBe(false);
  });

  it("in a kernel: uses the module tslab's hooked require returns", () => {
    const nb = fakeTslab();
    const asked: string[] = [];
    (globalThis as { __tslab__?: unknown }).__tslab__ = {
      require: (id: string) => { asked.push(id); return nb.target; },
    };
    expect(inNotebook()).toBe(true);
    barChart({ values: [1, 2, 3] });
    expect(asked).toContain('tslab');
    expect(nb.outputs).toHaveLength(1);
    expect(figuresInHtml(nb.outputs[0])[0].data[0]).toMatchObject({ type: 'bar', y: [1, 2, 3] });
  });
});
