// REFERENCE SOLUTION. Try the exercise in exercises/01_rnn/rnn_step.ts first.
/**
 * rnn_step: h_t = tanh(x_t W + h_{t-1} U + b), row-vector convention.
 * x [batch, inputSize], hPrev [batch, hiddenSize], kernel W [inputSize, hiddenSize],
 * recurrentKernel U [hiddenSize, hiddenSize], bias b [hiddenSize] → h [batch, hiddenSize].
 */
export function rnnStep(
  x: number[][], hPrev: number[][], kernel: number[][], recurrentKernel: number[][], bias: number[],
): number[][] {
  const hiddenSize = bias.length;
  return x.map((xRow, b) => {
    const h: number[] = [];
    for (let j = 0; j < hiddenSize; j++) {
      let a = bias[j];
      for (let k = 0; k < xRow.length; k++) a += xRow[k] * kernel[k][j];            // x W
      for (let k = 0; k < hiddenSize; k++) a += hPrev[b][k] * recurrentKernel[k][j]; // h_{t-1} U
      h.push(Math.tanh(a));
    }
    return h;
  });
}
