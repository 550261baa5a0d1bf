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

// Mistakes added for issue 23: the formula, running min/max started at 0, the constant split,
// input modified.
function scaleWith(train: number[], test: number[], min: number, max: number, f?: (x: number) => number) {
  const range = max > min ? max - min : 1;
  const g = f ?? ((x: number) => (x - min) / range);
  return { train: train.map(g), test: test.map(g), min, max };
}
export function inverted_formula(train: number[], test: number[]) {
  const min = Math.min(...train), max = Math.max(...train);
  return scaleWith(train, test, min, max, (x) => (max - x) / (max - min || 1));
}
export function min_starts_at_zero(train: number[], test: number[]) {
  let min = 0, max = -Infinity;
  for (const v of train) { if (v < min) min = v; if (v > max) max = v; }
  return scaleWith(train, test, min, max);
}
export function max_starts_at_zero(train: number[], test: number[]) {
  let min = Infinity, max = 0;
  for (const v of train) { if (v < min) min = v; if (v > max) max = v; }
  return scaleWith(train, test, min, max);
}
export function constant_to_zero(train: number[], test: number[]) {
  const min = Math.min(...train), max = Math.max(...train);
  return max === min ? { train: train.map(() => 0), test: test.map(() => 0), min, max } : scaleWith(train, test, min, max);
}
export function sorts_train(train: number[], test: number[]) {
  train.sort((a, b) => a - b);
  return scaleWith(train, test, train[0], train[train.length - 1]);
}
