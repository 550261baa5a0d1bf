/**
 * Exercise 02 · lstm_cell_update — the cell state along a sequence (the constant error carousel).
 * Theory: theory/02_lstm_architecture.md, Sections 2 and 4.
 *
 * The gate activations of every step are given (already through σ or tanh), each as
 * [time, hiddenSize]: i (input gate), f (forget gate), cTilde (candidate c̃), o (output gate).
 * Starting from c_0 = c0 [hiddenSize], compute for t = 1 … T
 *
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
 *   h_t = o_t ⊙ tanh(c_t)
 *
 * and return all the states: { c: [time, hiddenSize], h: [time, hiddenSize] }.
 *
 * An empty sequence (T = 0) gives { c: [], h: [] }. Do not modify the inputs (c0 included); every
 * row of c and h is a new array.
 *
 * Hints:
 * - The forget gate multiplies the *previous* cell state; the input gate multiplies the candidate.
 * - Each step starts from the cell state of the step before, not from c0 again.
 * - h_t squashes the cell state with tanh before the output gate.
 *
 * Try it: f = 1, i = 0 at every step keeps c_t = c0 forever: that is the carousel.
 * Grade:  npm run grade -- lstm_cell_update
 */
export function lstmCellUpdate(
  i: number[][], f: number[][], cTilde: number[][], o: number[][], c0: number[],
): { c: number[][]; h: number[][] } {
  // TODO
  throw new Error('not implemented: lstm_cell_update');
}
