/**
 * Scatter chart: 2-D projections of embeddings or hidden states, one text label per point.
 *
 *   plot.scatter({ points: pca2d, labels: vocab, groups: isVowel.map((v) => v ? 'vowel' : 'consonant') })
 */
import { Label, Labels, Matrix, isTableLike, readLabels, readMatrix, showLabel } from './data';
import { ChartOptions, Figure, Trace, baseLayout, figureHtml, mergeLayout } from './figure';
import { showFigure } from './show';

export interface ScatterChartOptions extends ChartOptions {
  /** Points `[n, 2]`: 2-D array, tensor, or DataFrame (columns `xColumn`/`yColumn`, else its first two). */
  points: Matrix;
  /** DataFrame column holding x. Default: the first column. */
  xColumn?: string;
  /** DataFrame column holding y. Default: the second column. */
  yColumn?: string;
  /** One label per point (a string gives one per character), shown next to it and on hover. */
  labels?: Labels;
  /** One group per point: one colour and legend entry per group. */
  groups?: Labels;
  /** Write the labels next to the points. Default: when there are at most 300 points. */
  showText?: boolean;
  /** Marker size in pixels. Default 8. */
  markerSize?: number;
}

function columnOf(columns: Label[] | undefined, name: string | undefined, fallback: number): number {
  if (name === undefined) return fallback;
  const j = columns ? columns.map(String).indexOf(name) : -1;
  if (j < 0) throw new Error(`scatter: no column "${name}" (columns: ${JSON.stringify(columns ?? [])})`);
  return j;
}

/** The plotly figure of a scatter chart. */
export function scatterChartFigure(opts: ScatterChartOptions): Figure {
  const m = readMatrix(opts.points, 'points');
  const width = m.rows.length > 0 ? m.rows[0].length : 2;
  const jx = columnOf(m.columns, opts.xColumn, 0);
  const jy = columnOf(m.columns, opts.yColumn, 1);
  if (width < 2 && m.rows.length > 0) {
    throw new Error(`scatter: points must be [n, 2] (or wider with xColumn/yColumn), got [${m.rows.length}, ${width}]`);
  }
  const n = m.rows.length;
  const labels = opts.labels !== undefined ? readLabels(opts.labels, 'labels').map(showLabel) : undefined;
  const groups = opts.groups !== undefined ? readLabels(opts.groups, 'groups').map(String) : undefined;
  if (labels && labels.length !== n) throw new Error(`scatter: ${labels.length} labels for ${n} points`);
  if (groups && groups.length !== n) throw new Error(`scatter: ${groups.length} groups for ${n} points`);
  const showText = labels !== undefined && (opts.showText ?? n <= 300);
  const order = groups ? Array.from(new Set(groups)) : [''];
  const data: Trace[] = order.map((g) => {
    const idx = m.rows.map((_, i) => i).filter((i) => !groups || groups[i] === g);
    const t: Trace = {
      type: 'scatter',
      mode: showText ? 'markers+text' : 'markers',
      name: g,
      x: idx.map((i) => m.rows[i][jx]),
      y: idx.map((i) => m.rows[i][jy]),
      marker: { size: opts.markerSize ?? 8, opacity: 0.8 },
    };
    if (labels) {
      t.text = idx.map((i) => labels[i]);
      t.textposition = 'top center';
      t.hovertemplate = '%{text}: (%{x:.3f}, %{y:.3f})<extra></extra>';
    }
    return t;
  });
  const layout = baseLayout({
    ...opts,
    xLabel: opts.xLabel ?? (isTableLike(opts.points) && m.columns ? String(m.columns[jx]) : undefined),
    yLabel: opts.yLabel ?? (isTableLike(opts.points) && m.columns ? String(m.columns[jy]) : undefined),
  });
  layout.showlegend = order.length > 1;
  return { data, layout: mergeLayout(layout, opts.layout) };
}

/** The HTML of a scatter chart (no plotly bundle). */
export function scatterChartHtml(opts: ScatterChartOptions): string {
  return figureHtml(scatterChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}

/** Show a scatter chart in the notebook. */
export function scatterChart(opts: ScatterChartOptions): void {
  showFigure(scatterChartFigure(opts), { id: opts.id, maxPoints: opts.maxPoints });
}
