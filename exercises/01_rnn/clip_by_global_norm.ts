/**
 * Exercise 01 · clip_by_global_norm — gradient clipping by global norm.
 * Theory: theory/01_rnn_fundamentals.md, Section 9 "Gradient clipping".
 *
 *   g̃ = g · min(1, τ / ‖g‖₂),    ‖g‖₂ = sqrt( Σ_tensors P Σ_j (∂L/∂P_j)² )
 *
 * `grads` holds the gradient of every parameter tensor, each flattened to a number[]
 * (e.g. [dKernel, dRecurrentKernel, dBias]); `maxNorm` is τ. Return new arrays (do not modify
 * the inputs) and `norm`, the global norm ‖g‖₂ *before* clipping.
 *
 * No tensors (grads = []) give { grads: [], norm: 0 }; a zero gradient (norm 0) is returned
 * unchanged, as new arrays.
 *
 * Hints:
 * - One norm over all the tensors together: that keeps the relative sizes of the gradients of
 *   different tensors, and the direction of g.
 * - Gradients whose norm is at most τ are returned unchanged.
 * - This is not clipping by value: no entry is capped on its own.
 *
 * Try it: clipByGlobalNorm([[3], [4]], 1) → { grads: [[0.6], [0.8]], norm: 5 }
 * Grade:  npm run grade -- clip_by_global_norm
 */
export function clipByGlobalNorm(grads: number[][], maxNorm: number): { grads: number[][]; norm: number } {
  // TODO: compute the global norm, then the scale factor, then the scaled copies.
  throw new Error('not implemented: clip_by_global_norm');
}
