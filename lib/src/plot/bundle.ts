/**
 * The plotly bundle, inlined once per notebook, compressed.
 *
 * Charts must render offline (no CDN), in a live notebook and in the HTML that
 * `jupyter nbconvert` exports. So the first chart a kernel process displays carries the
 * plotly bundle in a `<script>` that defines `window.Plotly`; later charts carry only their
 * figure and a small script that waits for `window.Plotly` (see `figure.ts`).
 *
 * Size. The bundle is `plotly.js-dist-min` (4.9 MB of minified JavaScript), gzipped and
 * written in base64 (about 2 MB): a saved notebook holds it once, so an executed notebook
 * stays small (issue #18: at most 3 MB). In the page, the script decodes the base64, unpacks
 * it with the browser's `DecompressionStream('gzip')` (every browser JupyterLab supports has
 * it) and runs the code by adding a `<script>` element. Unpacking is asynchronous: for a few
 * hundred milliseconds the page has no `window.Plotly`, which charts already wait for.
 * `window.__seqmodelsPlotly` remembers that unpacking is under way, so a second copy of the
 * bundle (a kernel restarted in the same page) does not unpack it again; where unpacking is
 * impossible it holds the reason, and charts show it in place (see `figure.ts`).
 *
 * What happens in each situation:
 *
 * - Run all in a fresh kernel: the first chart output holds the bundle and defines
 *   `window.Plotly`; the next ones find it.
 * - Restart the kernel and run again in the same browser page: the new process emits
 *   the bundle again with its first chart; the script skips it when `window.Plotly`
 *   already exists (or is being unpacked).
 * - Reopen a saved notebook (trusted) or open the nbconvert HTML export: outputs are
 *   rendered top to bottom, the bundle output defines `window.Plotly`, and a chart whose
 *   script runs before it (JupyterLab renders cells lazily) waits for it (polling, 30 s).
 * - The cell whose output holds the bundle is re-run, or its output cleared, while the
 *   kernel lives on: the page keeps `window.Plotly`, so charts still draw, but the saved
 *   notebook no longer holds the bundle, and when reopened its charts wait, time out and
 *   say so in place (checked in Notebook 6: "run all" twice in one kernel leaves no
 *   bundle in the saved file). The kernel cannot see that an output was cleared. Hence
 *   notebooks call `plot.setup()` (`loadPlotly()`) in their first cell: it emits the
 *   bundle every time it runs, so re-running the notebook from the top always puts the
 *   bundle back; "Restart & Run All" also does.
 *
 * JupyterLab / Notebook 7 / classic Notebook: tslab's `display.html` sends a
 * `display_data` message whose metadata is `{}`. Only outputs whose metadata says
 * `{"text/html": {"isolated": true}}` are rendered in a sandboxed iframe; tslab's never
 * are, so every HTML output is inserted into the notebook page itself and shares one
 * `window`. For trusted outputs (those produced in the session, or a signed notebook)
 * the HTML renderer re-creates each `<script>` so it runs (JupyterLab's `renderHTML`
 * calls `evalInnerHTMLScriptTags` for trusted HTML; the scripts run once the output is
 * attached to the page, which is why `figure.ts` also waits for its element). A global
 * defined by one output is therefore visible to the others, which is what inlining once
 * relies on. Untrusted notebooks (opened from elsewhere, not re-run, not trusted) run no
 * scripts: charts show their fallback text (JupyterLab's sanitizer strips the scripts of
 * untrusted HTML), and "Trust Notebook" (or re-running) makes all of them draw.
 *
 * Checked: live and reopened in classic Notebook 6.4 (require.js present), nbclient
 * execution + nbconvert HTML export, both in headless Chromium; JupyterLab's own renderer
 * (@jupyterlab/rendermime and outputarea 4.6, trusted and untrusted) in
 * tests/browser/jupyterlab/ (JupyterLab's server cannot be installed here); the course site
 * (tests/browser/site.browser.mjs).
 *
 * The bundle is UMD and, outside CommonJS, sets `window.Plotly` itself. We run it with
 * `module`, `exports` and `define` shadowed so that a page that happens to have a CommonJS
 * or AMD loader (classic Notebook ships require.js) still gets `window.Plotly`.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';

/**
 * Process-wide state, kept on `globalThis` so that two copies of this module (say the
 * package loaded once by name and once by path) still emit the bundle only once, and
 * compress it once.
 */
interface BundleState { emitted: boolean; script?: string }
const KEY = Symbol.for('seqmodels.plot.bundle');
function state(): BundleState {
  const g = globalThis as unknown as Record<symbol, BundleState | undefined>;
  return (g[KEY] ??= { emitted: false });
}

/** Path of the minified plotly bundle (`plotly.js-dist-min/plotly.min.js`) as Node resolves it. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist-min/plotly.min.js');
}

/** The bundle's code, gzipped and base64-encoded, as the inlined script carries it. */
export function packPlotlyBundle(code: string): string {
  return zlib.gzipSync(Buffer.from(code, 'utf8'), { level: 9 }).toString('base64');
}

/** The inverse of `packPlotlyBundle` (what the browser does with `DecompressionStream`). */
export function unpackPlotlyBundle(packed: string): string {
  return zlib.gunzipSync(Buffer.from(packed, 'base64')).toString('utf8');
}

/**
 * The script that runs in the page: `packed` is the base64 text. Written in ES2017 without
 * arrow functions or `let`, like the chart scripts, so it parses in every notebook front end.
 */
function loaderScript(packed: string): string {
  return `(function (packed) {
  if (window.Plotly || window.__seqmodelsPlotly) return;
  if (typeof DecompressionStream === 'undefined') {
    window.__seqmodelsPlotly = { error: 'this browser cannot unpack the chart library (it has no '
      + 'DecompressionStream); open the notebook in a current Chrome, Firefox, Safari or Edge' };
    return;
  }
  window.__seqmodelsPlotly = { loading: true };
  var binary = atob(packed);
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  new Response(stream).text().then(function (code) {
    if (!window.Plotly) {
      var s = document.createElement('script');
      s.text = '(function (module, exports, define) {\\n' + code + '\\n}).call(window);';
      (document.head || document.documentElement).appendChild(s);
    }
    window.__seqmodelsPlotly = window.Plotly ? { loaded: true }
      : { error: 'the chart library was unpacked but did not define window.Plotly' };
  }, function (e) {
    window.__seqmodelsPlotly = { error: 'the chart library could not be unpacked: ' + e };
  });
})(${JSON.stringify(packed)});`;
}

/**
 * A `<script>` that defines `window.Plotly` from the inlined, compressed bundle, unless it
 * exists. Built once per process (compressing takes a few hundred milliseconds).
 */
export function plotlyBundleScript(): string {
  const s = state();
  if (s.script === undefined) {
    const version = (JSON.parse(fs.readFileSync(require.resolve('plotly.js-dist-min/package.json'), 'utf8')) as
      { version: string }).version;
    s.script = `<script type="text/javascript" data-seqmodels-plotly="bundle" data-plotly-version="${version}" `
      + 'data-encoding="gzip+base64">\n'
      + loaderScript(packPlotlyBundle(fs.readFileSync(plotlyBundlePath(), 'utf8')))
      + '\n</script>\n';
  }
  return s.script;
}

/** The base64 text inside a bundle script (for tools and tests), or undefined. */
export function packedBundleIn(html: string): string | undefined {
  const m = /data-seqmodels-plotly="bundle"[^>]*>[\s\S]*?\}\)\("([A-Za-z0-9+/=]+)"\);\s*<\/script>/.exec(html);
  return m ? m[1] : undefined;
}

/**
 * The bundle script the first time it is asked for in this process, '' afterwards.
 * Callers that display a chart prepend it to the chart's HTML.
 */
export function takePlotlyBundle(): string {
  if (state().emitted) return '';
  const script = plotlyBundleScript();
  state().emitted = true;
  return script;
}

/** Has this process already handed out the bundle? */
export function plotlyBundleEmitted(): boolean {
  return state().emitted;
}

/** Forget that the bundle was emitted: the next chart carries it again. */
export function resetPlotlyBundle(): void {
  state().emitted = false;
}
