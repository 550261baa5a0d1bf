/**
 * The plotly bundle, inlined once per notebook.
 *
 * Charts must render offline (no CDN), in a live notebook and in the HTML that
 * `jupyter nbconvert` exports. So the first chart a kernel process displays carries the
 * whole `plotly.js-dist` bundle in a `<script>` that defines `window.Plotly`; later charts
 * carry only their figure and a small script that waits for `window.Plotly` (see
 * `figure.ts`). What happens in each situation:
 *
 * - Run all in a fresh kernel: the first chart output holds the bundle and defines
 *   `window.Plotly`; the next ones find it.
 * - Restart the kernel and run again in the same browser page: the new process emits
 *   the bundle again with its first chart; the script skips evaluating it when
 *   `window.Plotly` already exists.
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
 * Checked (Nov 2026): live and reopened in classic Notebook 6.4 (require.js present),
 * nbclient execution + nbconvert HTML export, both in headless Chromium; and in JupyterLab
 * 4.6 itself (run live, saved and reopened, opened untrusted then trusted), assembled from
 * its npm packages in tests/browser/jupyterlab-app/ (`npm run test:browser`).
 *
 * The bundle is UMD and, outside CommonJS, sets `window.Plotly` itself. We evaluate it
 * with `module`, `exports` and `define` shadowed so that a page that happens to have a
 * CommonJS or AMD loader (classic Notebook ships require.js) still gets `window.Plotly`.
 */
import * as fs from 'fs';

/**
 * Process-wide state, kept on `globalThis` so that two copies of this module (say the
 * package loaded once by name and once by path) still emit the bundle only once.
 */
interface BundleState { emitted: boolean }
const KEY = Symbol.for('seqmodels.plot.bundle');
function state(): BundleState {
  const g = globalThis as unknown as Record<symbol, BundleState | undefined>;
  return (g[KEY] ??= { emitted: false });
}

/** Path of the full plotly bundle (`plotly.js-dist/plotly.js`) as Node resolves it. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist/plotly.js');
}

/** A `<script>` that defines `window.Plotly` from the inlined bundle, unless it exists. */
export function plotlyBundleScript(): string {
  const src = fs.readFileSync(plotlyBundlePath(), 'utf8');
  if (/<\/script/i.test(src)) {
    // Cannot happen with the bundles we know; inlining would then cut the script short.
    throw new Error(`plotly bundle at ${plotlyBundlePath()} contains "</script" and cannot be inlined`);
  }
  return '<script type="text/javascript" data-seqmodels-plotly="bundle">\n'
    + 'if (!window.Plotly) { (function (module, exports, define) {\n'
    + src
    + '\n}).call(window); }\n</script>\n';
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
