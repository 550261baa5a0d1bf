/**
 * Forecast chart: the observed series, the model's forecast, and an error band.
 *
 *   plot.forecast({ truth: series, forecast: yHat, error: 1.96 * residualStd })
 *
 * By default the forecast covers the last `forecast.length` points of `truth` (truth
 * then holds the history and the held-out horizon); `start` places it elsewhere, and a
 * forecast running past the end of `truth` is allowed.
 */
import { Label, Labels, Vector, plotValues, readLabels, readVector } from './data';
import { ChartOptions, Figure, Trace, baseLayout, figureHtml, mergeLayout } from './figure';
import { showFigure } from './show';

export interface ForecastChartOptions extends ChartOptions {
  /** The observed values. */
  truth: Vector;
  /** The forecast values. */
  forecast: Vector;
  /** Index in `truth` of the forecast's first point. Default `truth.length - forecast.length` (at least 0). */
  start?: number;
  /** x values of `truth` (numbers, strings or Dates). Default: a Series index, else 0, 1, ... */
  x?: Labels;
  /** x values of the forecast. Default: those of `truth`, extended by its last step past its end. */
  forecastX?: Labels;
  /** Half-width of the band around the forecast: one number or one per point. */
  error?: number | Vector;
  /** Lower and upper edges of the band (instead of `error`). */
  lower?: Vector;
  upper?: Vector;
  /** Legend name of the band. Default '±error' (or 'interval' with lower/upper). */
  bandName?: string;
}

/**
 * The x value `ahead` steps after the last of `xs`, for numbers and dates: the step is
 * the last difference (1 for a single number).
 */
function extrapolate(xs: Label[], ahead: number): Label {
  const last = xs[xs.length - 1];
  const prev = xs.length >= 2 ? xs[xs.length - 2] : undefined;
  if (typeof last === 'number') return last + ahead * (typeof prev === 'number' ? last - prev : 1);
  if (last instanceof Date && prev instanceof Date) return new Date(last.getTime() + ahead * (last.getTime() - prev.getTime()));
  throw new Error('forecast: the forecast runs past the truth and its x values cannot be extended; pass forecastX');
}

/** The plotly figure of a forecast chart. */
export function forecastChartFigure(opts: ForecastChartOptions): Figure {
  const truth = readVector(opts.truth, 'truth');
  const fc = readVector(opts.forecast, 'forecast');
  const n = truth.values.length;
  const h = fc.values.length;
  const start = opts.start ?? Math.max(0, n - h);
  const tx: Label[] = opts.x !== undefined ? readLabels(opts.x, 'x') : truth.index ?? truth.values.map((_, i) => i);
  if (tx.length !== n) throw new Error(`forecast: ${tx.length} x values for ${n} truth values`);
  let fx: Label[];
  if (opts.forecastX !== undefined) {
    fx = readLabels(opts.forecastX, 'forecastX');
  } else {
    fx = fc.values.map((_, i) => {
      const k = start + i;
      if (k < n) return tx[k];
      return extrapolate(tx, k - n + 1);
    });
  }
  if (fx.length !== h) throw new Error(`forecast: ${fx.length} forecastX values for ${h} forecast values`);
  const px = plotValues(tx);
  const pfx = plotValues(fx);

  let lo: number[] | undefined;
  let hi: number[] | undefined;
  if (opts.lower !== undefined || opts.upper !== undefined) {
    if (opts.lower === undefined || opts.upper === undefined) throw new Error('forecast: pass both lower and upper');
    lo = readVector(opts.lower, 'lower').values;
    hi = readVector(opts.upper, 'upper').values;
  } else if (opts.error !== undefined) {
    const e = typeof opts.error === 'number' ? fc.values.map(() => opts.error as number) : readVector(opts.error, 'error').values;
    if (e.length !== h) throw new Error(`forecast: ${e.length} error values for ${h} forecast values`);
    lo = fc.values.map((v, i) => v - e[i]);
    hi = fc.values.map((v, i) => v + e[i]);
  }
  if (lo && (lo.length !== h || hi!.length !== h)) {
    throw new Error(`forecast: band edges have ${lo.length} and ${hi!.length} values for ${h} forecast values`);
  }

  // Legend order: truth, band, forecast (the band's lower edge must come right before its upper edge).
  const data: Trace[] = [{ type: 'scatter', mode: 'lines', name: 'truth', x: px, y: truth.values, line: { color: '#1f77b4' } }];
  if (lo && hi) {
    const bandName = opts.bandName ?? (opts.error !== undefined ? '±error' : 'interval');
    // Lower edge first (invisible), then the upper edge filled down to it.
    data.push({ type: 'scatter', mode: 'lines', x: pfx, y: lo, line: { width: 0 }, showlegend: false,
      hoverinfo: 'skip', name: `${bandName} (lower)` });
    data.push({ type: 'scatter', mode: 'lines', x: pfx, y: hi, line: { width: 0 }, fill: 'tonexty',
      fillcolor: 'rgba(255,127,14,0.25)', name: bandName });
  }
  data.push({ type: 'scatter', mode: 'lines', name: 'forecast', x: pfx, y: fc.values,
    line: { color: '#ff7f0e', dash: 'dash' } });
  const layout = baseLayout(opts);
  layout.legend = { ...(layout.legend as object), traceorder: 'normal' };
  if (fx.length > 0) {
    // A dotted vertical line where the forecast begins.
    layout.shapes = [{ type: 'line', xref: 'x', yref: 'paper', x0: pfx[0], x1: pfx[0], y0: 0, y1: 1,
      line: { color: '#999', width: 1, dash: 'dot' } }];
  }
  return { data, layout: mergeLayout(layout, opts.layout) };
}

/** The HTML of a forecast chart (no plotly bundle). */
export function forecastChartHtml(opts: ForecastChartOptions): string {
  return figureHtml(forecastChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}

/** Show a forecast chart in the notebook. */
export function forecastChart(opts: ForecastChartOptions): void {
  showFigure(forecastChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}
