// REFERENCE SOLUTION. Try the exercise in exercises/06_timeseries/min_max_scaler.ts first.
/** min_max_scaler: fit min and max on the training split only, apply the same map to both splits. */
export function minMaxScale(train: number[], test: number[]): { train: number[]; test: number[]; min: number; max: number } {
  const min = Math.min(...train);
  const max = Math.max(...train);
  const range = max > min ? max - min : 1;
  const f = (v: number) => (v - min) / range;
  return { train: train.map(f), test: test.map(f), min, max };
}
