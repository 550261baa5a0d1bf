// REFERENCE SOLUTION. Try the exercise in exercises/05_seq2seq/teacher_forcing_shift.ts first.
/** teacher_forcing_shift: decoder input at step t is y_{t-1}, with the start token at t = 1. */
export function decoderInputs(y: number[][], startToken: number): number[][] {
  return y.map((row) => [startToken, ...row.slice(0, row.length - 1)]);
}
