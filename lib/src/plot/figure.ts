/**
 * A plotly figure as an HTML fragment: a `<div>`, the figure as JSON, and a small
 * script that draws it once `window.Plotly` exists (the bundle is added separately,
 * once per notebook: see `bundle.ts`).
 *
 * The fragment is self-describing: the figure sits in
 * `<script type="application/json" class="seqmodels-figure">`, so tests and tools can
 * read the traces back with `JSON.parse`.
 */

import { DISPLAY_MAX_POINTS, thinFigure } from './thin';

/** One plotly trace (`{ type: 'scatter', x, y, name, ... }`). */
export type Trace = Record<string, unknown>;

/** A plotly figure: traces, layout and config, as `Plotly.newPlot` takes them. */
export interface Figure {
  data: Trace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Options shared by every chart helper. */
export interface ChartOptions {
  /** Title above the chart. Default: none. */
  title?: string;
  /** x-axis title. Default: none. */
  xLabel?: string;
  /** y-axis title. Default: none. */
  yLabel?: string;
  /** Height in pixels. Default: 400. The width follows the output area. */
  height?: number;
  /** Extra plotly layout, merged over the helper's (one level deep for objects). */
  layout?: Record<string, unknown>;
  /** The element id. Default: a fresh id unique in this process. */
  id?: string;
  /**
   * Points per line drawn at most (longer lines are thinned for display, keeping each
   * stretch's lowest and highest points: see `thin.ts`). Default 2000.
   */
  maxPoints?: number;
}

/** Milliseconds a chart waits for `window.Plotly` before saying it is missing. */
export const PLOTLY_WAIT_MS = 30000;

const ID_KEY = Symbol.for('seqmodels.plot.ids');

/**
 * A fresh element id: a random per-process prefix (outputs of an earlier kernel may still
 * be on the page) and a counter (kept on `globalThis`, shared by copies of this module).
 */
export function newPlotId(): string {
  const g = globalThis as unknown as Record<symbol, { prefix: string; n: number } | undefined>;
  const s = (g[ID_KEY] ??= { prefix: Math.random().toString(36).slice(2, 8), n: 0 });
  s.n += 1;
  return `seqmodels-plot-${s.prefix}-${s.n}`;
}

/** The layout every helper starts from. */
export function baseLayout(opts: ChartOptions): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    margin: { l: 60, r: 20, t: opts.title ? 50 : 20, b: 50 },
    height: opts.height ?? 400,
    xaxis: { title: opts.xLabel ? { text: opts.xLabel } : undefined, automargin: true },
    yaxis: { title: opts.yLabel ? { text: opts.yLabel } : undefined, automargin: true },
    legend: { orientation: 'h', y: -0.2 },
  };
  if (opts.title) layout.title = { text: opts.title };
  return layout;
}

/** `base` with `extra` merged over it, objects merged one level deep. */
export function mergeLayout(
  base: Record<string, unknown>, extra?: Record<string, unknown>,
): Record<string, unknown> {
  if (!extra) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    const bothObjects = isPlainObject(b) && isPlainObject(v);
    out[k] = bothObjects ? { ...(b as object), ...(v as object) } : v;
  }
  return out;
}

function isPlainObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** JSON safe inside `<script>`: `<` is written `\u003c`, so `</script>` cannot occur. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The drawing script. It polls for its element, its JSON and `window.Plotly` because
 * none is guaranteed when it runs: JupyterLab may run an output's scripts before the
 * output is attached, and may render a later cell before the one holding the bundle.
 */
function drawScript(id: string, height: number): string {
  return `(function (id, height) {
  var deadline = Date.now() + ${PLOTLY_WAIT_MS};
  function draw() {
    var el = document.getElementById(id);
    var src = document.getElementById(id + '-figure');
    if (el && src && window.Plotly) {
      var fig = JSON.parse(src.textContent);
      el.innerHTML = '';
      el.style.minHeight = height + 'px';
      window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);
      return;
    }
    var failed = window.__seqmodelsPlotly && window.__seqmodelsPlotly.error;
    if (failed && el) {
      el.firstChild.textContent = 'Chart not drawn: ' + failed + '.';
      return;
    }
    if (Date.now() > deadline) {
      if (el) el.firstChild.textContent = 'Plotly is not loaded: this page holds no plotly bundle (it travels '
        + 'with plot.setup() or the first chart of a kernel session). Restart the kernel and run all cells, '
        + 'or run plot.setup() and this cell again.';
      return;
    }
    setTimeout(draw, 100);
  }
  draw();
})(${scriptJson(id)}, ${Number(height)});`;
}

/**
 * The HTML of one figure, without the plotly bundle. Pure apart from the default id.
 * Lines longer than `maxPoints` (default 2000) are thinned for display (`thin.ts`).
 * Drawn by the page once `window.Plotly` exists; until then the element shows
 * `placeholder` (live displays pass '' so that redrawing does not flash text). The box takes
 * the chart's height when it is drawn, so an undrawn chart (scripts not run) is one line of
 * text, not an empty box; `reserveHeight` reserves it from the start (live displays, whose
 * redraws would otherwise make the page jump).
 */
export function figureHtml(
  fig: Figure,
  opts: { id?: string; height?: number; placeholder?: string; reserveHeight?: boolean; maxPoints?: number } = {},
): string {
  const id = opts.id ?? newPlotId();
  const height = opts.height ?? (fig.layout?.height as number | undefined) ?? 400;
  const full: Figure = {
    data: thinFigure(fig, opts.maxPoints ?? DISPLAY_MAX_POINTS).data,
    layout: fig.layout ?? {},
    config: { responsive: true, displaylogo: false, ...(fig.config ?? {}) },
  };
  const hid = escapeHtml(id);
  const placeholder = opts.placeholder ?? 'Chart (plotly): it is drawn by JavaScript; if this text stays, '
    + 'scripts did not run (in Jupyter, trust the notebook or run the cell).';
  const reserve = opts.reserveHeight ? `min-height:${height}px;` : '';
  return `<div class="seqmodels-plot" id="${hid}" style="width:100%;${reserve}">`
    + `<div style="font:13px sans-serif;color:#888;padding:8px;">${escapeHtml(placeholder)}</div></div>\n`
    + `<script type="application/json" class="seqmodels-figure" id="${hid}-figure">${scriptJson(full)}</script>\n`
    + `<script type="text/javascript">${drawScript(id, height)}</script>\n`;
}

/** Read the figures embedded in an HTML string by `figureHtml` (for tests and tools). */
export function figuresInHtml(html: string): Figure[] {
  const re = /<script type="application\/json" class="seqmodels-figure"[^>]*>([\s\S]*?)<\/script>/g;
  const out: Figure[] = [];
  for (let m = re.exec(html); m !== null; m = re.exec(html)) out.push(JSON.parse(m[1]) as Figure);
  return out;
}
