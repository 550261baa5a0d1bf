/** Correct alternatives to the reference sample_with_temperature: every one must pass the grader. */
/** Log-sum-exp: log ŷ_j = s_j − (m + log Σ exp(s_k − m)); the running sum of exp(log ŷ_j). */
export function logSumExp(logits: number[], temperature: number, u: number): number {
  const s = logits.map((o) => o / temperature);
  const m = s.reduce((a, b) => Math.max(a, b), -Infinity);
  const lse = m + Math.log(s.reduce((acc, v) => acc + Math.exp(v - m), 0));
  let cum = 0;
  for (let j = 0; j < s.length; j++) {
    cum += Math.exp(s[j] - lse);
    if (u < cum) return j;
  }
  return s.length - 1;
}
/** Unnormalised: compare u·Σ with the running sum of exp(s_j − m) (no division per entry). */
export function unnormalised(logits: number[], temperature: number, u: number): number {
  const m = Math.max(...logits) / temperature; // τ > 0, so max(o)/τ = max(o/τ)
  const w = logits.map((o) => Math.exp(o / temperature - m));
  const target = u * w.reduce((a, b) => a + b, 0);
  let cum = 0;
  const j = w.findIndex((v) => (cum += v) > target);
  return j < 0 ? w.length - 1 : j;
}
