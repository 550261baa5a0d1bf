/**
 * Progress in a notebook: one output that is overwritten in place (tslab's
 * `newDisplay()`, which sends Jupyter `update_display_data` for the same display id)
 * holding the progress line and the learning curve so far.
 *
 * Each update replaces the whole output: a fresh chart element whose script draws the
 * curve. Because the output is replaced and not appended to, the plotly bundle must not
 * travel inside it (it would be re-sent on every update and vanish with the last one):
 * it is emitted once, as its own output, before the first update. nbconvert/nbclient
 * apply `update_display_data` to the saved notebook, so an exported notebook shows the
 * final state.
 */
import { DisplayTarget, HtmlDisplay } from '../display';
import { Figure, Trace, figureHtml } from '../figure';
import { ensurePlotlyLoaded } from '../show';
import { ProgressSnapshot, formatProgressLine } from './format';
import { ProgressTracker } from './tracker';
import { ProgressView } from './views';

/** At most this many batch-loss points are drawn (bucket means beyond). */
const MAX_POINTS = 300;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `points` reduced to at most `max` by averaging consecutive buckets. */
export function downsample(xs: number[], ys: number[], max = MAX_POINTS): { x: number[]; y: number[] } {
  if (xs.length <= max) return { x: xs, y: ys };
  const size = Math.ceil(xs.length / max);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i += size) {
    const n = Math.min(size, xs.length - i);
    let sx = 0;
    let sy = 0;
    for (let k = i; k < i + n; k++) {
      sx += xs[k];
      sy += ys[k];
    }
    x.push(sx / n);
    y.push(sy / n);
  }
  return { x, y };
}

/**
 * The learning curve so far, x in epochs: batch losses at fractional epochs
 * (epoch + (batch + 1) / batches per epoch) and epoch metrics at the end of their epoch.
 * `metrics` picks the epoch logs drawn; default: every key containing "loss".
 */
export function learningCurveFigure(tracker: ProgressTracker, metrics?: string[], height = 300): Figure {
  const data: Trace[] = [];
  const perEpoch = (e: number) => tracker.batchesPerEpoch ?? Math.max(1, tracker.batchesInEpoch(e));
  const bx = tracker.batchLosses.map((p) => p.epoch + (p.batch + 1) / perEpoch(p.epoch));
  const by = tracker.batchLosses.map((p) => p.loss);
  if (bx.length > 0) {
    const d = downsample(bx, by);
    data.push({ type: 'scatter', mode: 'lines', name: 'batch loss', x: d.x, y: d.y,
      line: { width: 1, color: 'rgba(31,119,180,0.45)' } });
  }
  const keys = new Set<string>();
  for (const { logs } of tracker.epochLogs) for (const k of Object.keys(logs)) keys.add(k);
  const chosen = metrics ?? Array.from(keys).filter((k) => /loss/i.test(k));
  for (const k of chosen) {
    const pts = tracker.epochLogs.filter((e) => typeof e.logs[k] === 'number');
    if (pts.length === 0) continue;
    data.push({ type: 'scatter', mode: 'lines+markers', name: `${k} (epoch)`,
      x: pts.map((e) => e.epoch + 1), y: pts.map((e) => e.logs[k]) });
  }
  const layout: Record<string, unknown> = {
    height,
    margin: { l: 60, r: 20, t: 10, b: 40 },
    xaxis: { title: { text: 'epoch' }, ...(tracker.epochs !== undefined ? { range: [0, tracker.epochs] } : {}) },
    yaxis: { title: { text: 'loss' } },
    legend: { orientation: 'h', y: -0.25 },
  };
  return { data, layout };
}

/** The progress line as HTML, with a `<progress>` bar when the total is known. */
export function progressLineHtml(s: ProgressSnapshot, title?: string): string {
  const bar = s.fraction !== undefined
    ? `<progress value="${s.fraction.toFixed(4)}" max="1" style="width:200px;vertical-align:middle;"></progress> `
      + `${Math.floor(s.fraction * 100)}% `
    : '';
  return '<div class="seqmodels-progress" style="font:13px monospace;margin:4px 0;">'
    + (title ? `<div style="font-weight:bold;">${escapeHtml(title)}</div>` : '')
    + `${bar}<span class="seqmodels-progress-line">${escapeHtml(formatProgressLine(s))}</span></div>`;
}

export interface NotebookViewOptions {
  /** Bold line above the progress. */
  title?: string;
  /** Draw the learning curve. */
  chart: boolean;
  /** Epoch logs drawn on the curve. Default: keys containing "loss". */
  metrics?: string[];
  /** Chart height in pixels. */
  height: number;
}

export class NotebookView implements ProgressView {
  private readonly handle: HtmlDisplay;

  /** Emits the bundle if needed, then the output that later renders overwrite, showing `initial`. */
  constructor(target: DisplayTarget, private readonly opts: NotebookViewOptions, initial: ProgressSnapshot) {
    if (opts.chart) ensurePlotlyLoaded();
    this.handle = target.newDisplay();
    this.handle.html(progressLineHtml(initial, opts.title));
  }

  render(s: ProgressSnapshot, tracker: ProgressTracker): void {
    let html = progressLineHtml(s, this.opts.title);
    if (this.opts.chart && (tracker.batchLosses.length > 0 || tracker.epochLogs.length > 0)) {
      // While training, redraws must not flash text; the final render says why a chart is
      // missing where scripts do not run (an untrusted notebook).
      html += figureHtml(learningCurveFigure(tracker, this.opts.metrics, this.opts.height),
        s.done ? { height: this.opts.height } : { height: this.opts.height, placeholder: '', reserveHeight: true });
    }
    this.handle.html(html);
  }
}
