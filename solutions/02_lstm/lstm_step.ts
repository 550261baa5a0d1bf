// REFERENCE SOLUTION. Try the exercise in exercises/02_lstm/lstm_step.ts first.
/**
 * lstm_step: one LSTM step, gate order i, f, c, o (blocks of hiddenSize columns).
 *   a = x W + h_{t-1} U + b = [a_i | a_f | a_c | a_o]
 *   i = σ(a_i), f = σ(a_f), c̃ = tanh(a_c), o = σ(a_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ c̃,  h_t = o ⊙ tanh(c_t)
 */
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function lstmStep(
  x: number[][], hPrev: number[][], cPrev: number[][],
  kernel: number[][], recurrentKernel: number[][], bias: number[],
): { h: number[][]; c: number[][] } {
  const hiddenSize = recurrentKernel.length;
  const h: number[][] = [];
  const c: number[][] = [];
  x.forEach((xRow, b) => {
    // a [4*hiddenSize] = x W + hPrev U + b
    const a = bias.slice();
    for (let col = 0; col < a.length; col++) {
      for (let k = 0; k < xRow.length; k++) a[col] += xRow[k] * kernel[k][col];
      for (let k = 0; k < hiddenSize; k++) a[col] += hPrev[b][k] * recurrentKernel[k][col];
    }
    const hRow: number[] = [];
    const cRow: number[] = [];
    for (let j = 0; j < hiddenSize; j++) {
      const i = sigmoid(a[j]);
      const f = sigmoid(a[hiddenSize + j]);
      const cTilde = Math.tanh(a[2 * hiddenSize + j]);
      const o = sigmoid(a[3 * hiddenSize + j]);
      const cj = f * cPrev[b][j] + i * cTilde;
      cRow.push(cj);
      hRow.push(o * Math.tanh(cj));
    }
    h.push(hRow);
    c.push(cRow);
  });
  return { h, c };
}
