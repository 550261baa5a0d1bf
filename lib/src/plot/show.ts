/**
 * Display forms: put a figure in the notebook, with the plotly bundle in front of it
 * the first time this kernel process shows one.
 */
import { plotlyBundleScript, resetPlotlyBundle, takePlotlyBundle } from './bundle';
import { displayTarget, hintNoNotebook } from './display';
import { Figure, figureHtml } from './figure';

/**
 * Show a figure in the notebook; returns nothing, so a chart call as a cell's last
 * expression prints nothing else. Outside a notebook it displays nothing.
 */
export function showFigure(fig: Figure, opts: { id?: string; height?: number; maxPoints?: number } = {}): void {
  const target = displayTarget();
  if (!target) {
    hintNoNotebook('chart');
    return;
  }
  target.display.html(takePlotlyBundle() + figureHtml(fig, opts));
}

/**
 * Emit the plotly bundle now, as its own (invisible) output, whether or not it was
 * emitted before. Call it in the first cell of a notebook (`plot.setup()`): re-running
 * the notebook from the top then always puts the bundle back, even in a kernel that has
 * shown charts before (see `bundle.ts`). Charts displayed later do not carry it again.
 */
export function loadPlotly(): void {
  const target = displayTarget();
  if (!target) {
    hintNoNotebook('loadPlotly');
    return;
  }
  resetPlotlyBundle();
  target.display.html(takePlotlyBundle());
}

/** Emit the bundle as its own output if this process has not emitted it yet. */
export function ensurePlotlyLoaded(): void {
  const target = displayTarget();
  if (!target) return;
  const script = takePlotlyBundle();
  if (script) target.display.html(script);
}

/** A standalone HTML page with the bundle inlined once and the given chart fragments. */
export function pageHtml(fragments: string[], title = 'seqmodels charts'): string {
  const safeTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + safeTitle + '</title>\n'
    + plotlyBundleScript() + '</head>\n<body>\n' + fragments.join('\n') + '\n</body></html>\n';
}
