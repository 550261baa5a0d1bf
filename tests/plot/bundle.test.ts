/**
 * The inlined plotly bundle is compressed (gzip, base64) and unpacked in the page: the
 * round trip gives back the bundle byte for byte, and the page's own script (run here in a
 * fake window with Node's DecompressionStream, the same web API browsers have) defines
 * window.Plotly from it.
 */
import * as fs from 'fs';
import * as vm from 'vm';
import {
  packPlotlyBundle, packedBundleIn, plotlyBundlePath, plotlyBundleScript, unpackPlotlyBundle,
} from '../../lib/src/plot/bundle';

/** The inline JavaScript of the bundle's <script> element. */
function scriptBody(html: string): string {
  const m = /<script[^>]*>([\s\S]*)<\/script>/.exec(html);
  if (!m) throw new Error('no <script> in the bundle HTML');
  return m[1];
}

/**
 * Run the bundle script in a fake page whose global object is its window (so that
 * `.call(window)` and a bare `Plotly` reach the same object); waits until unpacking ended.
 */
async function runInFakePage(js: string, globals: Record<string, unknown> = {}, withDecompression = true) {
  const appended: string[] = [];
  const page: Record<string, unknown> = {
    ...globals, atob, Blob, Response, Uint8Array,
    ...(withDecompression ? { DecompressionStream: (globalThis as Record<string, unknown>).DecompressionStream } : {}),
  };
  const context = vm.createContext(page);
  page.window = context;
  page.document = {
    head: { appendChild: (el: { text: string }) => { appended.push(el.text); vm.runInContext(el.text, context); } },
    createElement: () => ({ text: '' }),
  };
  const startedHere = () => page.__seqmodelsPlotly !== globals.__seqmodelsPlotly;
  vm.runInContext(js, context);
  for (let i = 0; i < 200 && startedHere() && (page.__seqmodelsPlotly as { loading?: boolean })?.loading; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return { page, appended };
}

describe('the compressed plotly bundle', () => {
  it('packs and unpacks to the same text', () => {
    const text = 'var x = "é</script>"; // ' + 'abc'.repeat(1000);
    const packed = packPlotlyBundle(text);
    expect(packed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(packed.length).toBeLessThan(text.length);
    expect(unpackPlotlyBundle(packed)).toBe(text);
  });

  it('the script carries the minified plotly bundle, which unpacks byte for byte', () => {
    const html = plotlyBundleScript();
    const packed = packedBundleIn(html);
    expect(packed).toBeDefined();
    expect(unpackPlotlyBundle(packed!)).toBe(fs.readFileSync(plotlyBundlePath(), 'utf8'));
    expect(plotlyBundlePath()).toMatch(/plotly\.min\.js$/);
  });

  it('in a page, unpacks with DecompressionStream and defines window.Plotly with module/define shadowed', async () => {
    // A small stand-in bundle in the same script shape (the real one needs a DOM).
    const code = 'if (typeof module !== "undefined" || typeof define !== "undefined") throw new Error("loader seen");\n'
      + 'window.Plotly = { newPlot: function () {}, version: "fake" };';
    const real = plotlyBundleScript();
    const js = scriptBody(real).replace(packedBundleIn(real)!, packPlotlyBundle(code));
    const { page, appended } = await runInFakePage(js, { define: () => {}, module: {} });
    expect(appended).toHaveLength(1);
    expect(appended[0]).toContain('window.Plotly = { newPlot');
    expect((page.Plotly as { version: string }).version).toBe('fake');
    expect(page.__seqmodelsPlotly).toEqual({ loaded: true });
  });

  it('does nothing when window.Plotly exists or is being unpacked', async () => {
    const js = scriptBody(plotlyBundleScript());
    const existing = await runInFakePage(js, { Plotly: { version: 'page' } });
    expect(existing.appended).toHaveLength(0);
    const busy = await runInFakePage(js, { __seqmodelsPlotly: { loading: true, mark: 1 } });
    expect(busy.appended).toHaveLength(0);
  });

  it('says why when the browser cannot unpack it', async () => {
    const { page, appended } = await runInFakePage(scriptBody(plotlyBundleScript()), {}, false);
    expect(appended).toHaveLength(0);
    expect(String((page.__seqmodelsPlotly as { error: string }).error)).toMatch(/DecompressionStream/);
  });
});
