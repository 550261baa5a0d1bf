// REFERENCE SOLUTION. Try the exercise in exercises/04_text/greedy_decode.ts first.
/** greedy_decode: feed back the argmax, carry the state, stop at endToken (not emitted) or maxLen. */
export type StepFn = (token: number, h: number[]) => { logits: number[]; h: number[] };

export function greedyDecode(step: StepFn, h0: number[], startToken: number, endToken: number, maxLen: number): number[] {
  const out: number[] = [];
  let token = startToken;
  let h = h0;
  while (out.length < maxLen) {
    const r = step(token, h);
    h = r.h;
    let best = 0;
    for (let j = 1; j < r.logits.length; j++) if (r.logits[j] > r.logits[best]) best = j;
    if (best === endToken) break;
    out.push(best);
    token = best;
  }
  return out;
}
