/** Correct alternatives to the reference gradient_norm_through_time: every one must pass the grader. */
/** Column-wise accumulation into a fresh vector (loop over j outside), Math.hypot for the norm. */
export function columnAccumulate(recurrentKernel: number[][], gT: number[], steps: number): number[] {
  let g = gT.slice();
  const out = [Math.hypot(...g)];
  for (let m = 0; m < steps; m++) {
    const next = new Array<number>(g.length).fill(0);
    for (let j = 0; j < g.length; j++) for (let k = 0; k < g.length; k++) next[k] += g[j] * recurrentKernel[k][j];
    g = next;
    out.push(Math.hypot(...g));
  }
  return out;
}
/** Transpose U once, then row vector times matrix. */
export function transposeOnce(recurrentKernel: number[][], gT: number[], steps: number): number[] {
  const Ut = recurrentKernel[0].map((_, j) => recurrentKernel.map((row) => row[j])); // Ut[j][k] = U[k][j]
  const norms: number[] = [];
  let g = gT;
  for (let m = 0; m <= steps; m++) {
    norms.push(Math.sqrt(g.reduce((s, v) => s + v ** 2, 0)));
    g = Ut[0].map((_, k) => g.reduce((s, gj, j) => s + gj * Ut[j][k], 0));
  }
  return norms;
}
