/** Mistaken variants of min_max_scaler, one per mistake listed in its grader. */
function fit(v: number[], guard = true) {
  const min = Math.min(...v), max = Math.max(...v);
  const range = guard && max === min ? 1 : max - min;
  return { min, max, f: (x: number) => (x - min) / range };
}
export function fits_on_train_and_test(train: number[], test: number[]) {
  const s = fit([...train, ...test]);
  return { train: train.map(s.f), test: test.map(s.f), min: s.min, max: s.max };
}
export function fits_test_separately(train: number[], test: number[]) {
  const a = fit(train), b = fit(test);
  return { train: train.map(a.f), test: test.map(b.f), min: a.min, max: a.max };
}
export function divides_by_max(train: number[], test: number[]) {
  const min = Math.min(...train), max = Math.max(...train);
  const f = (x: number) => (x - min) / max;
  return { train: train.map(f), test: test.map(f), min, max };
}
export function no_constant_guard(train: number[], test: number[]) {
  const s = fit(train, false);
  return { train: train.map(s.f), test: test.map(s.f), min: s.min, max: s.max };
}
