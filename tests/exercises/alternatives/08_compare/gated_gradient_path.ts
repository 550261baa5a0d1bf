/** Correct alternatives to the reference gated_gradient_path: every one must pass the grader. */
/** Each lag from scratch: the product of the last m gates, unit by unit. */
export function productPerLag(gates: number[][], dT: number[]): number[][] {
  const T = gates.length;
  return Array.from({ length: T + 1 }, (_, m) =>
    dT.map((d, j) => gates.slice(T - m).reduce((p, f) => p * f[j], d)));
}
/** Reverse a copy of the gates and scan. */
export function reversedScan(gates: number[][], dT: number[]): number[][] {
  const out = [[...dT]];
  for (const f of [...gates].reverse()) out.push(out[out.length - 1].map((v, j) => v * f[j]));
  return out;
}
