// REFERENCE SOLUTION. Try the exercise in exercises/06_timeseries/sliding_windows.ts first.
/** sliding_windows: x = series[t, t + lookBack), y = series[t + lookBack, t + lookBack + horizon), every t. */
export function slidingWindows(series: number[], lookBack: number, horizon: number): { x: number[][]; y: number[][] } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let t = 0; t + lookBack + horizon <= series.length; t++) {
    x.push(series.slice(t, t + lookBack));
    y.push(series.slice(t + lookBack, t + lookBack + horizon));
  }
  return { x, y };
}
