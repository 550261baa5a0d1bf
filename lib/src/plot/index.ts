// Barrel of lib/src/plot: re-export each public module of this folder here.
// Names are explicit (and generic ones prefixed) because lib/src/index.ts re-exports
// every folder with `export *`, where two folders exporting one name would clash.
export type {
  Label as PlotLabel, Labels as PlotLabels, Vector as PlotVector, Matrix as PlotMatrix,
  TensorLike, SeriesLike, FrameLike,
} from './data';
export type { Figure as PlotFigure, Trace as PlotTrace, ChartOptions } from './figure';
export { figureHtml, figuresInHtml, PLOTLY_WAIT_MS } from './figure';
export { plotlyBundlePath, plotlyBundleScript, plotlyBundleEmitted, resetPlotlyBundle } from './bundle';
export { setDisplayTarget, inNotebook } from './display';
export type { DisplayTarget, HtmlDisplay } from './display';
export { showFigure, loadPlotly, pageHtml } from './show';
export * from './line';
export * from './heatmap';
export * from './forecast';
export * from './bar';
export * from './scatter';
export { showTable, tableHtml, tableText } from './table';
export type { TableData, TableOptions } from './table';
export { plot } from './plot';
export { TrainingProgress, trainingProgress } from './progress/training-progress';
export type { TrainingProgressOptions } from './progress/training-progress';
export { ProgressTracker } from './progress/tracker';
export type { Logs as ProgressLogs, BatchPoint } from './progress/tracker';
export {
  formatDuration, formatRate, formatMetric, formatBar, formatProgressLine,
} from './progress/format';
export type { ProgressSnapshot } from './progress/format';
export { TerminalView, LogView, SilentView, terminalLine } from './progress/views';
export type { ProgressView, TextOut } from './progress/views';
export { NotebookView, learningCurveFigure, progressLineHtml } from './progress/notebook-view';
