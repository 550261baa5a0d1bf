/**
 * Heatmap: gate activations over time, attention weights, confusion matrices.
 *
 *   plot.heatmap({ z: gates, xLabels: 'hello world', yLabel: 'unit', transpose: true })
 *
 * Row 0 is drawn at the top, like a printed matrix. Axis labels are placed by position
 * (tick values 0, 1, 2, ... with tick texts), so repeated labels such as the two `l`s of
 * "hello" stay separate columns instead of being merged into one category.
 */
import { Label, Labels, Matrix, readLabels, readMatrix, showLabel, transpose as swap } from './data';
import { ChartOptions, Figure, baseLayout, figureHtml, mergeLayout } from './figure';
import { showFigure } from './show';

export interface HeatmapOptions extends ChartOptions {
  /** Values `[rows, columns]`: 2-D array, 2-D tensor or DataFrame. */
  z: Matrix;
  /** Column labels (a string gives one per character). Default: DataFrame columns, else 0, 1, ... */
  xLabels?: Labels;
  /** Row labels. Default: DataFrame index, else 0, 1, ... */
  yLabels?: Labels;
  /** Swap rows and columns first (e.g. `[time, hiddenSize]` gates shown with time across). Default false. */
  transpose?: boolean;
  /** A plotly colorscale name or list. Default 'Viridis'. */
  colorscale?: string | Array<[number, string]>;
  /** Colour range. Default: the data's range (use 0 and 1 for gates, -1 and 1 for tanh). */
  zmin?: number;
  zmax?: number;
  /** Write each value in its cell. Default: only when there are at most 400 cells. */
  showValues?: boolean;
}

/** Tick values and texts for labels by position, thinned to about 60 ticks. */
function ticks(labels: Label[]): { tickvals: number[]; ticktext: string[] } {
  const step = Math.max(1, Math.ceil(labels.length / 60));
  const tickvals: number[] = [];
  const ticktext: string[] = [];
  for (let i = 0; i < labels.length; i += step) {
    tickvals.push(i);
    ticktext.push(showLabel(labels[i]));
  }
  return { tickvals, ticktext };
}

/** The plotly figure of a heatmap. */
export function heatmapFigure(opts: HeatmapOptions): Figure {
  const m = readMatrix(opts.z, 'z');
  let rows = m.rows;
  let colLabels = m.columns;
  let rowLabels = m.index;
  if (opts.transpose) {
    rows = swap(rows);
    [colLabels, rowLabels] = [rowLabels, colLabels];
  }
  const nRows = rows.length;
  const nCols = nRows > 0 ? rows[0].length : 0;
  const xl = opts.xLabels !== undefined ? readLabels(opts.xLabels, 'xLabels') : colLabels;
  const yl = opts.yLabels !== undefined ? readLabels(opts.yLabels, 'yLabels') : rowLabels;
  if (xl && xl.length !== nCols) {
    throw new Error(`heatmap: ${xl.length} x labels for ${nCols} columns (z is [${nRows}, ${nCols}])`);
  }
  if (yl && yl.length !== nRows) {
    throw new Error(`heatmap: ${yl.length} y labels for ${nRows} rows (z is [${nRows}, ${nCols}])`);
  }
  const xName = (j: number) => (xl ? showLabel(xl[j]) : String(j));
  const yName = (i: number) => (yl ? showLabel(yl[i]) : String(i));
  const showValues = opts.showValues ?? nRows * nCols <= 400;
  const trace: Record<string, unknown> = {
    type: 'heatmap',
    z: rows,
    x: Array.from({ length: nCols }, (_, j) => j),
    y: Array.from({ length: nRows }, (_, i) => i),
    text: rows.map((row, i) => row.map((_, j) => `${yName(i)} · ${xName(j)}`)),
    hovertemplate: '%{text}: %{z:.3f}<extra></extra>',
    colorscale: opts.colorscale ?? 'Viridis',
  };
  if (opts.zmin !== undefined) trace.zmin = opts.zmin;
  if (opts.zmax !== undefined) trace.zmax = opts.zmax;
  if (showValues) trace.texttemplate = '%{z:.2f}';
  const layout = baseLayout(opts);
  layout.xaxis = { ...(layout.xaxis as object), ...(xl ? ticks(xl) : {}), showgrid: false };
  layout.yaxis = { ...(layout.yaxis as object), ...(yl ? ticks(yl) : {}), autorange: 'reversed', showgrid: false };
  return { data: [trace], layout: mergeLayout(layout, opts.layout) };
}

/** The HTML of a heatmap (no plotly bundle). */
export function heatmapHtml(opts: HeatmapOptions): string {
  return figureHtml(heatmapFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}

/** Show a heatmap in the notebook. */
export function heatmap(opts: HeatmapOptions): void {
  showFigure(heatmapFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}
