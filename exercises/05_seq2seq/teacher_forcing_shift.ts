/**
 * Exercise 05 · teacher_forcing_shift — the decoder inputs under teacher forcing.
 * Theory: theory/01_rnn_fundamentals.md, Section 10; theory/05_advanced_architectures.md,
 * Section 3 "Encoder-decoder models"; notebook 05.
 *
 * In training, the decoder reads at step t the *true* previous target symbol y_{t-1}, and a start
 * token at the first step. For each target sequence y = (y_1, …, y_T) (a row of `y`,
 * shape [batch, seqLen]) the decoder input is
 *
 *   (<start>, y_1, y_2, …, y_{T-1})
 *
 * i.e. the targets shifted one step to the right, the start token in front, the last target
 * dropped, so that inputs and targets have the same length and input t predicts target t.
 *
 * An empty batch (y = []) gives []. Do not modify y; return new arrays.
 *
 * Hints:
 * - Same length as the targets: T in, T out.
 * - Shift to the right (towards later steps), not to the left.
 *
 * Try it: decoderInputs([[5, 6, 7]], 1) → [[1, 5, 6]]
 * Grade:  npm run grade -- teacher_forcing_shift
 */
export function decoderInputs(y: number[][], startToken: number): number[][] {
  // TODO
  throw new Error('not implemented: teacher_forcing_shift');
}
