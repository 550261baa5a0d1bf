/**
 * Thinning long lines for display (min/max per bucket): the count is bounded, the first and
 * last points and every extreme survive, x values travel with their y values, and short
 * series, point clouds and the figure functions' own data are left alone.
 */
import { DISPLAY_MAX_POINTS, minMaxIndices, thinFigure, thinTrace } from '../../lib/src/plot/thin';
import { figuresInHtml, lineChartFigure, lineChartHtml, forecastChartHtml } from '../../lib/src/plot';

/** A noisy series with a few isolated spikes, deterministic. */
function noisy(n: number): number[] {
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => Math.sin(i / 700) + 0.2 * rand() + (i % 4999 === 17 ? 3 : 0) - (i === 33333 ? 4 : 0));
}

describe('minMaxIndices', () => {
  test.each([
    [10, 2000], [2000, 2000], [2001, 2000], [50_000, 2000], [50_000, 100], [7, 4], [100_003, 999],
  ])('%i points, at most %i: bounded, increasing, first and last kept', (n, max) => {
    const keep = minMaxIndices(noisy(n), max);
    expect(keep.length).toBeLessThanOrEqual(Math.max(max, 4));
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(n - 1);
    for (let i = 1; i < keep.length; i++) expect(keep[i]).toBeGreaterThan(keep[i - 1]);
    if (n <= max) expect(keep).toHaveLength(n);
    else expect(keep.length).toBeGreaterThan(max * 0.9); // uses its budget
  });

  it('keeps the global and every local extreme (spikes) of a long series', () => {
    const y = noisy(60_000);
    const keep = new Set(minMaxIndices(y, 2000));
    const argmax = y.indexOf(Math.max(...y));
    const argmin = y.indexOf(Math.min(...y));
    expect(keep.has(argmax)).toBe(true);
    expect(keep.has(argmin)).toBe(true);
    for (let i = 17; i < y.length; i += 4999) expect(keep.has(i)).toBe(true); // every spike
    // the kept points span the same range as the series
    const kept = [...keep].map((i) => y[i]);
    expect(Math.max(...kept)).toBe(Math.max(...y));
    expect(Math.min(...kept)).toBe(Math.min(...y));
  });

  it('keeps a gap (NaN or null) so the line still breaks there, and stays bounded', () => {
    const y: Array<number | null> = noisy(10_000);
    y[5000] = null;
    y[7000] = NaN;
    const keep = minMaxIndices(y, 300);
    expect(keep.length).toBeLessThanOrEqual(300);
    expect(keep).toContain(5000);
    expect(keep).toContain(7000);
  });
});

describe('thinTrace and figureHtml', () => {
  it('thins a long line trace, x and per-point arrays with it; the figure function keeps every point', () => {
    const y = noisy(30_000);
    const opts = { series: { loss: y }, x: y.map((_, i) => `w${i}`) };
    expect(lineChartFigure(opts).data[0].y).toHaveLength(30_000); // full data outside the display
    const shown = figuresInHtml(lineChartHtml(opts))[0].data[0] as { x: string[]; y: number[] };
    expect(shown.y.length).toBeLessThanOrEqual(DISPLAY_MAX_POINTS);
    expect(shown.x).toHaveLength(shown.y.length);
    shown.x.forEach((x, k) => expect(shown.y[k]).toBeCloseTo(y[Number(x.slice(1))], 5)); // pairs stay pairs
    expect(shown.x[0]).toBe('w0');
    expect(shown.x[shown.x.length - 1]).toBe('w29999');
  });

  it('takes a larger limit per chart (maxPoints)', () => {
    const y = noisy(30_000);
    const shown = figuresInHtml(lineChartHtml({ series: y, maxPoints: 10_000 }))[0].data[0] as { y: number[] };
    expect(shown.y.length).toBeGreaterThan(DISPLAY_MAX_POINTS);
    expect(shown.y.length).toBeLessThanOrEqual(10_000);
  });

  it('a trace without x keeps its x positions (plotly would number the kept points 0, 1, ...)', () => {
    const t = thinTrace({ type: 'scatter', mode: 'lines', y: noisy(5000), x0: 10, dx: 2 }, 100);
    const x = t.x as number[];
    const keep = minMaxIndices(noisy(5000), 100);
    expect(x).toEqual(keep.map((i) => 10 + 2 * i));
  });

  it('leaves point clouds, bars, heatmaps and short lines with all their points, rounding values', () => {
    const y = noisy(5000);
    const fig = thinFigure({
      data: [
        { type: 'scatter', mode: 'markers', y },
        { type: 'bar', y },
        { type: 'heatmap', z: [[0.123456789, 1], [2, 3]] },
        { type: 'scatter', mode: 'lines', y: [1.23456789, 2] },
      ],
    }, 100);
    expect((fig.data[0].y as number[]).length).toBe(5000);
    expect((fig.data[1].y as number[]).length).toBe(5000);
    expect(fig.data[2].z).toEqual([[0.123457, 1], [2, 3]]);
    expect(fig.data[3].y).toEqual([1.23457, 2]);
  });

  it('thins the lines of a forecast chart and its band edges alike', () => {
    const truth = noisy(20_000);
    const fc = truth.slice(10_000).map((v) => v + 0.1);
    const fig = figuresInHtml(forecastChartHtml({ truth, forecast: fc, error: 0.5 }))[0];
    for (const t of fig.data) expect((t.y as number[]).length).toBeLessThanOrEqual(DISPLAY_MAX_POINTS);
    expect(fig.data.map((t) => t.name)).toEqual(['truth', '±error (lower)', '±error', 'forecast']);
  });
});
