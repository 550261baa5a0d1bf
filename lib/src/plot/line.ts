/**
 * Line chart: learning curves, several named series (train/validation, several runs).
 *
 *   plot.line({ series: { train: trainLoss, validation: valLoss }, xLabel: 'epoch', yLabel: 'loss' })
 */
import {
  Label, Labels, Matrix, Vector, isTableLike, isTensorLike, isVectorLike, plotValues, readLabels, readMatrix,
  readVector, transpose,
} from './data';
import { ChartOptions, Figure, Trace, baseLayout, figureHtml, mergeLayout } from './figure';
import { showFigure } from './show';

export interface LineChartOptions extends ChartOptions {
  /**
   * The series: one vector; named vectors `{ train: [...], validation: [...] }`; or a
   * table `[points, series]` (DataFrame, 2-D array or tensor), one series per column.
   */
  series: Vector | Matrix | Record<string, Vector>;
  /** Names of a table's series. Default: the DataFrame's columns, else `series 0`, ... */
  names?: string[];
  /** x values shared by all series (numbers, strings or Dates). Default: a Series/DataFrame index, else xStart, xStart+1, ... */
  x?: Labels;
  /** First x when x is not given. Default 0 (use 1 for epochs counted from 1). */
  xStart?: number;
  /** Logarithmic y axis. Default false. */
  logY?: boolean;
  /** Draw markers on the points. Default: only when every series has at most 30 points. */
  markers?: boolean;
}

interface NamedSeries { name: string; y: number[]; index?: Label[] }

function isRecordOfVectors(x: unknown): x is Record<string, Vector> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x)
    && !isTensorLike(x) && !isTableLike(x);
}

function readSeries(opts: LineChartOptions): NamedSeries[] {
  const s = opts.series;
  if (isRecordOfVectors(s)) {
    return Object.entries(s).map(([name, v]) => {
      const r = readVector(v, `series.${name}`);
      return { name, y: r.values, index: r.index };
    });
  }
  if (isVectorLike(s)) {
    const r = readVector(s, 'series');
    return [{ name: opts.names?.[0] ?? r.name ?? 'y', y: r.values, index: r.index }];
  }
  const m = readMatrix(s as Matrix, 'series');
  const cols = transpose(m.rows);
  return cols.map((y, j) => ({
    name: opts.names?.[j] ?? (m.columns ? String(m.columns[j]) : `series ${j}`),
    y,
    index: m.index,
  }));
}

/** The plotly figure of a line chart. */
export function lineChartFigure(opts: LineChartOptions): Figure {
  const series = readSeries(opts);
  const sharedX = opts.x !== undefined ? readLabels(opts.x, 'x') : undefined;
  const start = opts.xStart ?? 0;
  for (const s of series) {
    if (sharedX && s.y.length > sharedX.length) {
      throw new Error(`lineChart: series "${s.name}" has ${s.y.length} points but x has only ${sharedX.length} (a series may be shorter than x, not longer)`);
    }
  }
  const markers = opts.markers ?? series.every((s) => s.y.length <= 30);
  const data: Trace[] = series.map((s) => ({
    type: 'scatter',
    mode: markers ? 'lines+markers' : 'lines',
    name: s.name,
    x: sharedX ? plotValues(sharedX.slice(0, s.y.length)) : s.index ? plotValues(s.index) : s.y.map((_, i) => start + i),
    y: s.y,
  }));
  const layout = baseLayout(opts);
  if (opts.logY) layout.yaxis = { ...(layout.yaxis as object), type: 'log' };
  layout.showlegend = series.length > 1;
  return { data, layout: mergeLayout(layout, opts.layout) };
}

/** The HTML of a line chart (no plotly bundle: see `showFigure` / `pageHtml`). */
export function lineChartHtml(opts: LineChartOptions): string {
  return figureHtml(lineChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}

/** Show a line chart in the notebook. */
export function lineChart(opts: LineChartOptions): void {
  showFigure(lineChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}
