/**
 * Bar chart: comparisons (test loss of RNN vs LSTM vs GRU, parameter counts, timings).
 *
 *   plot.bar({ values: { RNN: 1.92, LSTM: 1.41, GRU: 1.45 }, yLabel: 'test loss' })
 *   plot.bar({ values: { train: [..3], test: [..3] }, labels: ['RNN', 'LSTM', 'GRU'] })  // grouped
 */
import {
  Label, Labels, Matrix, Vector, isTableLike, isTensorLike, isVectorLike, readLabels, readMatrix,
  readVector, showLabel, transpose,
} from './data';
import { ChartOptions, Figure, Trace, baseLayout, figureHtml, mergeLayout } from './figure';
import { showFigure } from './show';

export interface BarChartOptions extends ChartOptions {
  /**
   * `{ category: number }`; one vector (one bar per element); `{ series: vector }` for
   * grouped bars; or a table `[categories, series]` (DataFrame, 2-D array or tensor).
   */
  values: Record<string, number> | Record<string, Vector> | Vector | Matrix;
  /** Category labels. Default: the record's keys, a Series/DataFrame index, else 0, 1, ... */
  labels?: Labels;
  /** Series names of a table. Default: DataFrame columns, else `series 0`, ... */
  names?: string[];
  /** Error bar half-widths, for a single series. */
  errors?: Record<string, number> | Vector;
  /** Horizontal bars. Default false. */
  horizontal?: boolean;
}

interface BarSeries { name: string; y: number[] }

function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x)
    && !isTensorLike(x) && !isTableLike(x);
}

function readBars(opts: BarChartOptions): { categories: Label[]; series: BarSeries[] } {
  const v = opts.values;
  if (isPlainRecord(v)) {
    const entries = Object.entries(v);
    if (entries.every(([, x]) => typeof x === 'number')) {
      return { categories: entries.map(([k]) => k), series: [{ name: '', y: entries.map(([, x]) => x as number) }] };
    }
    const series = entries.map(([name, x]) => ({ name, y: readVector(x as Vector, `values.${name}`).values }));
    const n = Math.max(0, ...series.map((s) => s.y.length));
    return { categories: Array.from({ length: n }, (_, i) => i), series };
  }
  if (isVectorLike(v)) {
    const r = readVector(v, 'values');
    return { categories: r.index ?? r.values.map((_, i) => i), series: [{ name: r.name ?? '', y: r.values }] };
  }
  const m = readMatrix(v as Matrix, 'values');
  const series = transpose(m.rows).map((y, j) => ({
    name: opts.names?.[j] ?? (m.columns ? String(m.columns[j]) : `series ${j}`), y,
  }));
  return { categories: m.index ?? m.rows.map((_, i) => i), series };
}

/** The plotly figure of a bar chart. */
export function barChartFigure(opts: BarChartOptions): Figure {
  const bars = readBars(opts);
  const raw = opts.labels !== undefined ? readLabels(opts.labels, 'labels') : bars.categories;
  const categories = raw.map(showLabel);
  let errors: number[] | undefined;
  if (opts.errors !== undefined) {
    if (bars.series.length !== 1) throw new Error('bar: errors are supported for a single series only');
    errors = isPlainRecord(opts.errors)
      ? raw.map((c) => (opts.errors as Record<string, number>)[String(c)] ?? 0)
      : readVector(opts.errors as Vector, 'errors').values;
  }
  const data: Trace[] = bars.series.map((s) => {
    if (s.y.length !== categories.length) {
      throw new Error(`bar: series "${s.name}" has ${s.y.length} values for ${categories.length} categories`);
    }
    const t: Trace = {
      type: 'bar',
      name: s.name,
      x: opts.horizontal ? s.y : categories,
      y: opts.horizontal ? categories : s.y,
      orientation: opts.horizontal ? 'h' : 'v',
    };
    if (errors) t[opts.horizontal ? 'error_x' : 'error_y'] = { type: 'data', array: errors, visible: true };
    return t;
  });
  const layout = baseLayout(opts);
  layout.barmode = 'group';
  layout.showlegend = bars.series.length > 1;
  const categoryAxis = opts.horizontal ? 'yaxis' : 'xaxis';
  // Categories keep their given order, even when they look like numbers.
  // Horizontal bars list the first category at the top.
  layout[categoryAxis] = {
    ...(layout[categoryAxis] as object), type: 'category', ...(opts.horizontal ? { autorange: 'reversed' } : {}),
  };
  return { data, layout: mergeLayout(layout, opts.layout) };
}

/** The HTML of a bar chart (no plotly bundle). */
export function barChartHtml(opts: BarChartOptions): string {
  return figureHtml(barChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}

/** Show a bar chart in the notebook. */
export function barChart(opts: BarChartOptions): void {
  showFigure(barChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}
