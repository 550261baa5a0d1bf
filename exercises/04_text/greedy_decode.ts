/**
 * Exercise 04 · greedy_decode — generate by feeding back the most probable symbol.
 * Theory: theory/01_rnn_fundamentals.md, Section 10 (at generation time the model's own output
 * becomes the next input); notebooks 04 and 05.
 *
 * `step(token, h)` runs the model one step: it reads the input token and the state h and returns
 * the logits of the next symbol and the new state. Starting from `startToken` and the state `h0`:
 *
 *   repeat: { logits, h } = step(token, h);  next = argmax(logits)
 *           if next = endToken: stop (endToken is not part of the output)
 *           otherwise append next and feed it back: token = next
 *   until the output has maxLen tokens.
 *
 * Return the generated tokens. On ties argmax takes the lowest index.
 *
 * Token 0 is an ordinary symbol (only endToken stops); maxLen = 0 gives []. Do not modify h0.
 *
 * Hints:
 * - Feed back the token you just produced, not the start token.
 * - Carry the state: pass the h returned by the previous call, not h0 again.
 * - Stop at the end token without emitting it; never return more than maxLen tokens.
 *
 * Grade: npm run grade -- greedy_decode
 */
export type StepFn = (token: number, h: number[]) => { logits: number[]; h: number[] };

export function greedyDecode(step: StepFn, h0: number[], startToken: number, endToken: number, maxLen: number): number[] {
  // TODO
  throw new Error('not implemented: greedy_decode');
}
