/**
 * Exercise 09 · bidirectional_concat — combine the two directions of a bidirectional RNN.
 * Theory: theory/05_advanced_architectures.md, Section 1 "Bidirectional RNNs".
 *
 *   h_t = [ →h_t  ←h_t ]      [2*hiddenSize]
 *
 * `forward` [time, hiddenSize] holds →h_1 … →h_T. The backward direction was computed by running
 * an ordinary RNN over the *reversed* sequence, so `backwardOnReversed[s]` [time, hiddenSize] is
 * the state after reading x_T, x_{T−1}, …, x_{T−s}: it belongs to time T − 1 − s (0-based).
 * Return [time, 2*hiddenSize] with row t = forward[t] followed by the backward state of time t.
 *
 * With no time steps the result is []. Do not modify the inputs; return new arrays.
 *
 * Hints:
 * - Reverse the backward outputs back into the original time order before pairing them.
 * - Forward first, then backward (the order tf.layers' Bidirectional uses with mergeMode 'concat').
 * - Concatenate: the result has 2*hiddenSize columns; 'sum' is a different merge mode.
 *
 * Try it: bidirectionalConcat([[1], [2]], [[10], [20]]) → [[1, 20], [2, 10]]
 * Grade:  npm run grade -- bidirectional_concat
 */
export function bidirectionalConcat(forward: number[][], backwardOnReversed: number[][]): number[][] {
  // TODO
  throw new Error('not implemented: bidirectional_concat');
}
