/** Correct alternatives to the reference min_max_scaler: every one must pass the grader. */
/** One pass from ±Infinity. */
export function onePass(train: number[], test: number[]) {
  let min = Infinity, max = -Infinity;
  for (const v of train) { min = Math.min(min, v); max = Math.max(max, v); }
  const range = max === min ? 1 : max - min;
  return { train: train.map((v) => (v - min) / range), test: test.map((v) => (v - min) / range), min, max };
}
/** Sort a copy to find the extremes. */
export function sortedCopy(train: number[], test: number[]) {
  const sorted = [...train].sort((a, b) => a - b);
  const min = sorted[0], max = sorted[sorted.length - 1];
  const scale = (v: number) => (v - min) / (max - min || 1);
  return { train: train.map(scale), test: test.map(scale), min, max };
}
