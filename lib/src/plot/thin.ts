/**
 * Fewer points for display, same shape: a chart of a long series (a loss per training
 * window, tens of thousands of points) is drawn from at most a few thousand of them.
 *
 * Method: min/max per bucket. The points are cut into consecutive buckets (by index, which
 * for a series is the order of x); each bucket keeps its lowest and its highest point, in
 * their original order, and the first and last points of the series are always kept. A
 * line through the kept points goes through every extreme of the original, so spikes,
 * plateaus and the envelope of a noisy curve look as they did at the width of a chart
 * (a bucket is a fraction of a pixel). A gap (NaN or null, where plotly breaks the line)
 * keeps one point per bucket so the break stays.
 *
 * Only the display is thinned: the figure functions (`lineChartFigure`, ...) and the
 * library's results keep every point; `figureHtml` thins what goes into the notebook.
 */
import type { Figure, Trace } from './figure';

/** Points per trace in a displayed chart, unless a chart asks for another limit. */
export const DISPLAY_MAX_POINTS = 2000;

const isGap = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

/**
 * Indexes of the points of `ys` to keep: at most `max` (at least 4), increasing, the first
 * and the last included, and in each bucket the lowest and highest value (and one gap if
 * the bucket has one). All indexes when `ys` has at most `max` points.
 */
export function minMaxIndices(ys: ArrayLike<number | null>, max = DISPLAY_MAX_POINTS): number[] {
  const n = ys.length;
  const limit = Math.max(4, Math.floor(max));
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  let hasGap = false;
  for (let i = 0; i < n && !hasGap; i++) hasGap = isGap(ys[i]);
  // First and last points, then `perBucket` points per bucket in between.
  const perBucket = hasGap ? 3 : 2;
  const buckets = Math.max(1, Math.floor((limit - 2) / perBucket));
  const inner = n - 2; // points 1 .. n-2 are bucketed
  const keep: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets); // exclusive
    let lo = -1;
    let hi = -1;
    let gap = -1;
    for (let i = from; i < to; i++) {
      const v = ys[i];
      if (isGap(v)) {
        if (gap < 0) gap = i;
        continue;
      }
      if (lo < 0 || (v as number) < (ys[lo] as number)) lo = i;
      if (hi < 0 || (v as number) > (ys[hi] as number)) hi = i;
    }
    const picked = [lo, hi, gap].filter((i) => i >= 0).sort((a, b2) => a - b2);
    for (const i of picked) if (i !== keep[keep.length - 1]) keep.push(i);
  }
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  return keep;
}

/** Keep the numbers of a value array to `digits` significant digits (display only). */
function roundValues(v: unknown, digits: number): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((x) => {
    if (typeof x === 'number') return Number.isInteger(x) || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
    return Array.isArray(x) ? roundValues(x, digits) : x;
  });
}

/** Significant digits kept in displayed values (y, z): more than a chart or its hover shows. */
const VALUE_DIGITS = 6;

/** Per-point arrays of a trace: the keys whose arrays have one entry per point. */
const POINT_KEYS = ['x', 'y', 'text', 'hovertext', 'customdata', 'ids'];

/**
 * A trace with at most `max` points when it is a line (a `scatter` trace drawn with
 * lines and a numeric `y`), by `minMaxIndices`; markers-only traces (point clouds, where
 * every point counts) and other trace types are left as they are. Values (y, z) are
 * rounded to 6 significant digits in every trace.
 */
export function thinTrace(trace: Trace, max = DISPLAY_MAX_POINTS): Trace {
  const out: Trace = { ...trace };
  const type = (trace.type as string | undefined) ?? 'scatter';
  const mode = (trace.mode as string | undefined) ?? 'lines';
  const y = trace.y;
  if ((type === 'scatter' || type === 'scattergl') && /lines/.test(mode) && Array.isArray(y) && y.length > max
    && y.every((v) => typeof v === 'number' || v === null)) {
    const keep = minMaxIndices(y as Array<number | null>, max);
    const pick = (a: unknown) => (Array.isArray(a) && a.length === y.length ? keep.map((i) => a[i]) : a);
    for (const k of POINT_KEYS) if (k in out) out[k] = pick(out[k]);
    for (const k of ['marker', 'error_y', 'error_x']) {
      const sub = out[k] as Record<string, unknown> | undefined;
      if (sub && typeof sub === 'object') {
        out[k] = Object.fromEntries(Object.entries(sub).map(([sk, sv]) => [sk, pick(sv)]));
      }
    }
    if (trace.x === undefined) {
      // plotly's default x is x0 + i * dx (0, 1, 2, ...): keep it for the kept points
      const x0 = typeof trace.x0 === 'number' ? trace.x0 : 0;
      const dx = typeof trace.dx === 'number' ? trace.dx : 1;
      out.x = keep.map((i) => x0 + i * dx);
    }
  }
  for (const k of ['y', 'z']) if (k in out) out[k] = roundValues(out[k], VALUE_DIGITS);
  return out;
}

/** The figure as it is displayed: every trace thinned by `thinTrace`. */
export function thinFigure(fig: Figure, max = DISPLAY_MAX_POINTS): Figure {
  return { ...fig, data: fig.data.map((t) => thinTrace(t, max)) };
}
