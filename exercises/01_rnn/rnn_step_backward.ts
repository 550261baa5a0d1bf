/**
 * Exercise 01 · rnn_step_backward — the gradients of one RNN step.
 * Theory: theory/01_rnn_fundamentals.md, Section 6 "Backpropagation through time, step by step".
 *
 * The forward step was a_t = x_t W + h_{t-1} U + b, h_t = tanh(a_t). Given dh = ∂L/∂h_t
 * (everything that flows into h_t), compute
 *
 *   δa               = dh ⊙ (1 − h_t ⊙ h_t)      (tanh' written with the output h_t)
 *   dKernel          = x_tᵀ δa                    ∂L/∂W   [inputSize, hiddenSize]
 *   dRecurrentKernel = h_{t-1}ᵀ δa                ∂L/∂U   [hiddenSize, hiddenSize]
 *   dBias            = Σ_batch δa                 ∂L/∂b   [hiddenSize]
 *   dx               = δa Wᵀ                      ∂L/∂x_t [batch, inputSize]
 *   dhPrev           = δa Uᵀ                      ∂L/∂h_{t-1} [batch, hiddenSize]
 *
 * Shapes of the inputs: x [batch, inputSize], hPrev [batch, hiddenSize],
 * kernel [inputSize, hiddenSize], recurrentKernel [hiddenSize, hiddenSize],
 * h (the forward output h_t) [batch, hiddenSize], dh [batch, hiddenSize].
 *
 * An empty batch gives zero parameter gradients (of the weights' shapes) and dx = dhPrev = []. Do
 * not modify the inputs; return new arrays.
 *
 * Hints:
 * - The derivative of tanh is 1 − tanh², i.e. 1 − h_t², not 1 − h_t; and it is not optional.
 * - (δa Uᵀ)[b][k] = Σ_j δa[b][j] · recurrentKernel[k][j]: the transpose swaps the index you sum over.
 * - The parameters are shared by all the examples of the batch: their gradients are sums over the
 *   batch rows (dBias[j] = Σ_b δa[b][j]).
 * - A finite-difference check (theory Section 6) is the best way to convince yourself.
 *
 * Grade: npm run grade -- rnn_step_backward
 */
export interface RnnStepGrads {
  dx: number[][];               // [batch, inputSize]
  dhPrev: number[][];           // [batch, hiddenSize]
  dKernel: number[][];          // [inputSize, hiddenSize]
  dRecurrentKernel: number[][]; // [hiddenSize, hiddenSize]
  dBias: number[];              // [hiddenSize]
}

export function rnnStepBackward(
  x: number[][], hPrev: number[][], kernel: number[][], recurrentKernel: number[][], h: number[][], dh: number[][],
): RnnStepGrads {
  // TODO: compute δa first, then the five gradients.
  throw new Error('not implemented: rnn_step_backward');
}
