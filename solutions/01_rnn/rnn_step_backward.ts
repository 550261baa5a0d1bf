// REFERENCE SOLUTION. Try the exercise in exercises/01_rnn/rnn_step_backward.ts first.
/**
 * rnn_step_backward: gradients of one step h_t = tanh(a_t), a_t = x_t W + h_{t-1} U + b.
 *   δa = dh ⊙ (1 − h_t ⊙ h_t)
 *   dKernel = x_tᵀ δa, dRecurrentKernel = h_{t-1}ᵀ δa, dBias = Σ_batch δa
 *   dx = δa Wᵀ, dhPrev = δa Uᵀ
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
  const batch = x.length, inputSize = kernel.length, hiddenSize = recurrentKernel.length;
  const da = dh.map((row, b) => row.map((g, j) => g * (1 - h[b][j] * h[b][j]))); // [batch, hiddenSize]
  const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const dKernel = zeros(inputSize, hiddenSize);
  const dRecurrentKernel = zeros(hiddenSize, hiddenSize);
  const dBias = new Array<number>(hiddenSize).fill(0);
  const dx = zeros(batch, inputSize);
  const dhPrev = zeros(batch, hiddenSize);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < hiddenSize; j++) {
      const d = da[b][j];
      dBias[j] += d;
      for (let k = 0; k < inputSize; k++) {
        dKernel[k][j] += x[b][k] * d;
        dx[b][k] += d * kernel[k][j];
      }
      for (let k = 0; k < hiddenSize; k++) {
        dRecurrentKernel[k][j] += hPrev[b][k] * d;
        dhPrev[b][k] += d * recurrentKernel[k][j];
      }
    }
  }
  return { dx, dhPrev, dKernel, dRecurrentKernel, dBias };
}
