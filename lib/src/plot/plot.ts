/**
 * `plot`: the chart helpers under short names, for notebooks.
 *
 *   import { plot } from "seqmodels";
 *   plot.setup();                                    // first cell: inlines the plotly bundle
 *   plot.line({ series: { train: trainLoss, validation: valLoss }, xLabel: "epoch", yLabel: "loss" });
 *   plot.heatmap({ z: gates, xLabels: text, transpose: true, zmin: 0, zmax: 1 });
 *   const progress = plot.progress({ epochs: 20 });  // pass as fit callbacks
 *
 * Each display form shows the chart and returns nothing; `plot.html.*` return the HTML.
 */
import { barChart, barChartHtml } from './bar';
import { forecastChart, forecastChartHtml } from './forecast';
import { heatmap, heatmapHtml } from './heatmap';
import { lineChart, lineChartHtml } from './line';
import { trainingProgress } from './progress/training-progress';
import { scatterChart, scatterChartHtml } from './scatter';
import { loadPlotly, pageHtml, showFigure } from './show';
import { showTable, tableHtml } from './table';

export const plot = {
  /** Learning curves and other series: `plot.line({ series: { train, validation } })`. */
  line: lineChart,
  /** Gate activations, attention: `plot.heatmap({ z, xLabels: 'hello' })`. */
  heatmap,
  /** Truth, forecast and error band: `plot.forecast({ truth, forecast, error })`. */
  forecast: forecastChart,
  /** Comparisons: `plot.bar({ values: { RNN: 1.9, LSTM: 1.4 } })`. */
  bar: barChart,
  /** 2-D projections with labels: `plot.scatter({ points, labels })`. */
  scatter: scatterChart,
  /** Any plotly figure: `plot.figure({ data: [...], layout: {...} })`. */
  figure: showFigure,
  /** Rows, rows by name or a DataFrame as a table that fits the cell: `plot.table(rows)`. */
  table: showTable,
  /** Live training progress; pass it as `callbacks` to fit or call its methods. */
  progress: trainingProgress,
  /** Inline the plotly bundle here; call it in a notebook's first cell (each run re-emits it). */
  setup: loadPlotly,
  /** Same as `setup`. */
  loadPlotly,
  /** The pure forms: HTML strings without the bundle (`plot.html.page` adds it once). */
  html: {
    line: lineChartHtml,
    heatmap: heatmapHtml,
    forecast: forecastChartHtml,
    bar: barChartHtml,
    scatter: scatterChartHtml,
    table: tableHtml,
    page: pageHtml,
  },
};
