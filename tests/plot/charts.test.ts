/**
 * Chart helpers: the HTML embeds a plotly figure with the expected traces; arrays,
 * tensors and danfojs inputs give the same figure; tensors are read without leaking.
 */
import * as tf from '@tensorflow/tfjs';
import {
  barChartHtml, forecastChartHtml, heatmapHtml, lineChartHtml, scatterChartHtml, figuresInHtml,
  figureHtml, PlotFigure,
} from '../../lib/src/plot';

function onlyFigure(html: string): PlotFigure {
  const figs = figuresInHtml(html);
  expect(figs).toHaveLength(1);
  return figs[0];
}

describe('lineChart', () => {
  it('draws one named trace per series, x from xStart', () => {
    const fig = onlyFigure(lineChartHtml({ series: { train: [3, 2, 1], val: [3.5, 2.5] }, xStart: 1, xLabel: 'epoch' }));
    expect(fig.data.map((t) => t.name)).toEqual(['train', 'val']);
    expect(fig.data[0]).toMatchObject({ type: 'scatter', x: [1, 2, 3], y: [3, 2, 1] });
    expect(fig.data[1]).toMatchObject({ x: [1, 2], y: [3.5, 2.5] });
    expect(fig.layout).toMatchObject({ xaxis: { title: { text: 'epoch' } }, showlegend: true });
  });

  it('reads a 2-D array as [points, series], one series per column', () => {
    const fig = onlyFigure(lineChartHtml({ series: [[1, 10], [2, 20]], names: ['a', 'b'] }));
    expect(fig.data.map((t) => [t.name, t.y])).toEqual([['a', [1, 2]], ['b', [10, 20]]]);
  });

  it('the HTML calls Plotly.newPlot on its own element and reads its JSON payload', () => {
    const html = lineChartHtml({ series: [1, 2], id: 'chart-1' });
    expect(html).toContain('<div class="seqmodels-plot" id="chart-1"');
    expect(html).toContain('id="chart-1-figure"');
    expect(html).toContain('window.Plotly.newPlot(el, fig.data, fig.layout, fig.config)');
    expect(html).not.toContain('data-seqmodels-plotly="bundle"'); // the pure form never inlines the bundle
  });
});

describe('dates as x values', () => {
  const days = [new Date(Date.UTC(2013, 2, 1)), new Date(Date.UTC(2013, 2, 2)), new Date(Date.UTC(2013, 2, 3))];

  it('line: Dates become plotly date strings (UTC, no zone suffix), as short as exact', () => {
    const fig = onlyFigure(lineChartHtml({ x: days, series: { temperature: [1, 2, 3] } }));
    expect(fig.data[0].x).toEqual(['2013-03-01', '2013-03-02', '2013-03-03']);
    const hours = [Date.UTC(2013, 2, 1, 0), Date.UTC(2013, 2, 1, 6), Date.UTC(2013, 2, 1, 6, 0, 7, 250)].map((t) => new Date(t));
    const h = onlyFigure(lineChartHtml({ x: hours, series: [1, 2, 3] }));
    expect(h.data[0].x).toEqual(['2013-03-01', '2013-03-01 06:00', '2013-03-01 06:00:07.250']);
  });

  it('forecast: past the truth, x goes on by the last step (dates and numbers)', () => {
    const f = onlyFigure(forecastChartHtml({ truth: [1, 2, 3], x: days, forecast: [3, 4, 5], start: 2 }));
    expect(f.data.find((t) => t.name === 'forecast')!.x)
      .toEqual(['2013-03-03', '2013-03-04', '2013-03-05']);
    const g = onlyFigure(forecastChartHtml({ truth: [1, 2], x: [0, 3], forecast: [3, 4], start: 2 }));
    expect(g.data.find((t) => t.name === 'forecast')!.x).toEqual([6, 9]);
    expect(() => forecastChartHtml({ truth: [1, 2], x: ['a', 'b'], forecast: [3], start: 2 })).toThrow('pass forecastX');
  });

  it('bar and heatmap: dates as short labels', () => {
    const fig = onlyFigure(barChartHtml({ values: [1, 2, 3], labels: days }));
    expect(fig.data[0].x).toEqual(['2013-03-01', '2013-03-02', '2013-03-03']);
    const hm = onlyFigure(heatmapHtml({ z: [[1, 2]], xLabels: [new Date(Date.UTC(2013, 2, 1, 6)), 'b'] }));
    expect(hm.layout!.xaxis).toMatchObject({ ticktext: ['2013-03-01 06:00', 'b'] });
  });
});

describe('figureHtml', () => {
  it('escapes "</script>" inside data so the payload cannot end the script early', () => {
    const html = figureHtml({ data: [{ type: 'bar', x: ['</script><b>'], y: [1] }] });
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the JSON script and the draw script
    expect(onlyFigure(html).data[0].x).toEqual(['</script><b>']);
  });

  it('gives each chart a fresh id', () => {
    const a = lineChartHtml({ series: [1] });
    const b = lineChartHtml({ series: [1] });
    const id = (h: string) => /id="([^"]+)"/.exec(h)![1];
    expect(id(a)).not.toEqual(id(b));
  });
});

describe('heatmap', () => {
  it('places character labels by position, so repeated characters stay separate', () => {
    const z = [[0.1, 0.2, 0.3, 0.4, 0.5], [0.5, 0.4, 0.3, 0.2, 0.1]];
    const fig = onlyFigure(heatmapHtml({ z, xLabels: 'he lo', yLabels: ['unit 0', 'unit 1'], zmin: 0, zmax: 1 }));
    expect(fig.data[0]).toMatchObject({ type: 'heatmap', z, x: [0, 1, 2, 3, 4], y: [0, 1], zmin: 0, zmax: 1 });
    expect(fig.layout!.xaxis).toMatchObject({ tickvals: [0, 1, 2, 3, 4], ticktext: ['h', 'e', '␣', 'l', 'o'] });
    expect(fig.layout!.yaxis).toMatchObject({ ticktext: ['unit 0', 'unit 1'], autorange: 'reversed' });
  });

  it('transposes [time, hiddenSize] to show time across', () => {
    const fig = onlyFigure(heatmapHtml({ z: [[1, 2, 3], [4, 5, 6]], transpose: true }));
    expect(fig.data[0].z).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it('says which labels do not fit', () => {
    expect(() => heatmapHtml({ z: [[1, 2]], xLabels: 'abc' })).toThrow('3 x labels for 2 columns (z is [1, 2])');
  });
});

describe('forecastChart', () => {
  it('aligns the forecast with the end of the truth and draws the error band under it', () => {
    const fig = onlyFigure(forecastChartHtml({ truth: [1, 2, 3, 4, 5], forecast: [4.5, 5.5], error: 0.5 }));
    const byName = Object.fromEntries(fig.data.map((t) => [t.name, t]));
    expect(byName.truth).toMatchObject({ x: [0, 1, 2, 3, 4], y: [1, 2, 3, 4, 5] });
    expect(byName.forecast).toMatchObject({ x: [3, 4], y: [4.5, 5.5] });
    expect(byName['±error (lower)']).toMatchObject({ x: [3, 4], y: [4, 5] });
    expect(byName['±error']).toMatchObject({ x: [3, 4], y: [5, 6], fill: 'tonexty' });
    // the lower edge comes right before the filled upper edge
    expect(fig.data.findIndex((t) => t.name === '±error')).toBe(fig.data.findIndex((t) => t.name === '±error (lower)') + 1);
  });

  it('extends numeric x past the truth and takes explicit lower/upper edges', () => {
    const fig = onlyFigure(forecastChartHtml({ truth: [1, 2], forecast: [3, 4], start: 2, lower: [2, 3], upper: [4, 5] }));
    const f = fig.data.find((t) => t.name === 'forecast')!;
    expect(f.x).toEqual([2, 3]);
    expect(fig.data.find((t) => t.name === 'interval')!.y).toEqual([4, 5]);
  });
});

describe('barChart', () => {
  it('a record of numbers gives one bar per key, in order', () => {
    const fig = onlyFigure(barChartHtml({ values: { RNN: 1.9, LSTM: 1.4, GRU: 1.45 }, errors: { LSTM: 0.1 } }));
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]).toMatchObject({ type: 'bar', x: ['RNN', 'LSTM', 'GRU'], y: [1.9, 1.4, 1.45] });
    expect(fig.data[0].error_y).toMatchObject({ array: [0, 0.1, 0] });
  });

  it('a record of vectors gives grouped bars', () => {
    const fig = onlyFigure(barChartHtml({ values: { train: [1, 2], test: [3, 4] }, labels: ['LSTM', 'GRU'], horizontal: true }));
    expect(fig.data.map((t) => [t.name, t.y, t.x, t.orientation])).toEqual([
      ['train', ['LSTM', 'GRU'], [1, 2], 'h'], ['test', ['LSTM', 'GRU'], [3, 4], 'h']]);
    expect(fig.layout).toMatchObject({ barmode: 'group', showlegend: true });
  });
});

describe('scatterChart', () => {
  it('one trace per group, labels as text', () => {
    const fig = onlyFigure(scatterChartHtml({
      points: [[0, 1], [2, 3], [4, 5]], labels: ['a', 'b', ' '], groups: ['vowel', 'consonant', 'space'],
    }));
    expect(fig.data.map((t) => [t.name, t.x, t.y, t.text])).toEqual([
      ['vowel', [0], [1], ['a']], ['consonant', [2], [3], ['b']], ['space', [4], [5], ['␣']]]);
    expect(fig.data[0].mode).toBe('markers+text');
  });
});

describe('tensor inputs', () => {
  it('give the same figures as arrays and leak no tensor', () => {
    const before = tf.memory().numTensors;
    const v = tf.tensor1d([3, 2, 1]);
    const m = tf.tensor2d([[0.1, 0.9], [0.4, 0.6], [0.7, 0.3]]);
    const pts = tf.tensor2d([[0, 1], [2, 3]]);
    const f = tf.tensor1d([1.5]);
    const figs = [
      onlyFigure(lineChartHtml({ series: { loss: v } })),
      onlyFigure(heatmapHtml({ z: m })),
      onlyFigure(forecastChartHtml({ truth: v, forecast: f })),
      onlyFigure(barChartHtml({ values: v, labels: ['a', 'b', 'c'] })),
      onlyFigure(scatterChartHtml({ points: pts })),
      onlyFigure(lineChartHtml({ series: m, names: ['p', 'q'] })),
    ];
    expect(figs[0].data[0]).toMatchObject({ y: [3, 2, 1] });
    // float32 values, shown to 6 significant digits (thin.ts)
    expect(figs[1].data[0].z).toEqual([[0.1, 0.9], [0.4, 0.6], [0.7, 0.3]]
      .map((r) => r.map((x) => Number(Math.fround(x).toPrecision(6)))));
    expect(figs[2].data.find((t) => t.name === 'forecast')).toMatchObject({ x: [2], y: [1.5] });
    expect(figs[3].data[0]).toMatchObject({ x: ['a', 'b', 'c'], y: [3, 2, 1] });
    expect(figs[4].data[0]).toMatchObject({ x: [0, 2], y: [1, 3] });
    expect(figs[5].data.map((t) => t.name)).toEqual(['p', 'q']);
    // the helpers make no tensors and dispose none: only the 4 we made are alive
    expect(tf.memory().numTensors).toBe(before + 4);
    expect(v.isDisposed).toBe(false);
    tf.dispose([v, m, pts, f]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says when a tensor has the wrong rank', () => {
    const t3 = tf.zeros([2, 2, 2]);
    const t2 = tf.zeros([2, 2]);
    expect(() => heatmapHtml({ z: t3 })).toThrow('z: expected a 1-D or 2-D tensor, got shape [2, 2, 2]');
    expect(() => lineChartHtml({ series: { a: t2 } })).toThrow('series.a: expected a 1-D tensor');
    tf.dispose([t3, t2]);
  });
});

describe('danfojs inputs', () => {
  // Small stand-ins with the properties we read (`values`, `columns`, `index`) ...
  const frame = { values: [[3, 3.5], [2, 2.5], [1, 2]], columns: ['loss', 'val_loss'], index: [1, 2, 3] };
  const series = { values: [0.9, 0.5], index: ['LSTM', 'GRU'], columns: ['accuracy'] };

  it('a DataFrame gives one line per column over its index', () => {
    const fig = onlyFigure(lineChartHtml({ series: frame }));
    expect(fig.data.map((t) => [t.name, t.x, t.y])).toEqual([
      ['loss', [1, 2, 3], [3, 2, 1]], ['val_loss', [1, 2, 3], [3.5, 2.5, 2]]]);
  });

  it('a Series gives bars over its index; a DataFrame a labelled heatmap', () => {
    expect(onlyFigure(barChartHtml({ values: series })).data[0]).toMatchObject({ x: ['LSTM', 'GRU'], y: [0.9, 0.5], name: 'accuracy' });
    const hm = onlyFigure(heatmapHtml({ z: frame }));
    expect(hm.layout!.xaxis).toMatchObject({ ticktext: ['loss', 'val_loss'] });
    expect(hm.layout!.yaxis).toMatchObject({ ticktext: ['1', '2', '3'] });
  });

  it('... and the real danfojs-node objects', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const dfd = require('danfojs-node');
    const df = new dfd.DataFrame({ x: [0, 1, 2], y: [2, 1, 0], char: ['a', 'b', 'c'] });
    const fig = onlyFigure(scatterChartHtml({ points: df.loc({ columns: ['x', 'y'] }), labels: df.column('char') }));
    expect(fig.data[0]).toMatchObject({ x: [0, 1, 2], y: [2, 1, 0], text: ['a', 'b', 'c'] });
    expect(fig.layout).toMatchObject({ xaxis: { title: { text: 'x' } }, yaxis: { title: { text: 'y' } } });
    const s = new dfd.Series([1, 4, 9], { index: ['a', 'b', 'c'] });
    expect(onlyFigure(forecastChartHtml({ truth: s, forecast: [8, 10] })).data.find((t) => t.name === 'forecast'))
      .toMatchObject({ x: ['b', 'c'], y: [8, 10] });
  });
});
