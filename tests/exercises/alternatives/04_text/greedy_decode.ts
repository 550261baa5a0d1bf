/** Correct alternatives to the reference greedy_decode: every one must pass the grader. */
type StepFn = (token: number, h: number[]) => { logits: number[]; h: number[] };
/** for loop over positions, argmax with reduce (strictly greater keeps the lowest index). */
export function forLoop(step: StepFn, h0: number[], startToken: number, endToken: number, maxLen: number): number[] {
  const out: number[] = [];
  let state = { token: startToken, h: h0 };
  for (let t = 0; t < maxLen; t++) {
    const { logits, h } = step(state.token, state.h);
    const next = logits.reduce((best, v, j) => (v > logits[best] ? j : best), 0);
    if (next === endToken) break;
    out.push(next);
    state = { token: next, h };
  }
  return out;
}
/** Recursive. */
export function recursive(step: StepFn, h0: number[], startToken: number, endToken: number, maxLen: number): number[] {
  if (maxLen <= 0) return [];
  const { logits, h } = step(startToken, h0);
  const next = logits.indexOf(Math.max(...logits)); // indexOf finds the first maximum
  return next === endToken ? [] : [next, ...recursive(step, h, next, endToken, maxLen - 1)];
}
