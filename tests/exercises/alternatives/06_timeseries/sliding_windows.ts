/** Correct alternatives to the reference sliding_windows: every one must pass the grader. */
/** Count first (clamped at 0), then build with Array.from. */
export function countFirst(series: number[], lookBack: number, horizon: number) {
  const windows = Math.max(0, series.length - lookBack - horizon + 1);
  return {
    x: Array.from({ length: windows }, (_, t) => series.slice(t, t + lookBack)),
    y: Array.from({ length: windows }, (_, t) => series.slice(t + lookBack, t + lookBack + horizon)),
  };
}
/** One slice of lookBack + horizon values per start, split in two. */
export function splitSlice(series: number[], lookBack: number, horizon: number) {
  const x: number[][] = [], y: number[][] = [];
  for (let t = 0; t <= series.length - lookBack - horizon; t++) {
    const w = series.slice(t, t + lookBack + horizon);
    x.push(w.slice(0, lookBack));
    y.push(w.slice(lookBack));
  }
  return { x, y };
}
