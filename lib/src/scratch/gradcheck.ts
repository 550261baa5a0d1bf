/**
 * Finite-difference gradient check. For each checked entry θᵢ of `param`, the numerical
 * derivative is the fourth-order central difference
 *   n = (−f(θ+2ε) + 8 f(θ+ε) − 8 f(θ−ε) + f(θ−2ε)) / (12 ε)
 * (truncation error O(ε⁴)), and the relative error is |a − n| / max(|a|, |n|, floor).
 * Use Float64 parameters: in Float32 the differences drown in rounding.
 */
import type { FloatArray } from './mat';
import { seededRng } from './init';

export interface GradientCheckOptions {
  eps?: number;        // step ε, default 1e-3 (with the O(ε⁴) scheme this balances truncation and rounding in Float64)
  floor?: number;      // denominator floor for near-zero gradients, default 1e-8
  maxChecks?: number;  // check at most this many entries (chosen with a seeded RNG), default all
  seed?: number;
}

export interface GradientCheckResult {
  maxRelError: number;
  maxAbsError: number;
  worstIndex: number;   // entry with the largest relative error
  analytic: number;     // its analytic and numerical values
  numeric: number;
  checked: number;
}

/** Compares `analytic` (∂loss/∂param) with finite differences of `loss()` as `param` is perturbed in place. */
export function gradientCheck(
  loss: () => number, param: FloatArray, analytic: ArrayLike<number>, opts: GradientCheckOptions = {},
): GradientCheckResult {
  if (analytic.length !== param.length) {
    throw new Error(`gradientCheck: analytic gradient expected shape [${param.length}], got [${analytic.length}]`);
  }
  const eps = opts.eps ?? 1e-3, floor = opts.floor ?? 1e-8;
  let idx = Array.from({ length: param.length }, (_, i) => i);
  if (opts.maxChecks !== undefined && opts.maxChecks < idx.length) {
    const random = seededRng(opts.seed ?? 1);
    for (let i = idx.length - 1; i > 0; i--) { const j = random.int(i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; }
    idx = idx.slice(0, opts.maxChecks);
  }
  const res: GradientCheckResult = { maxRelError: 0, maxAbsError: 0, worstIndex: -1, analytic: 0, numeric: 0, checked: 0 };
  for (const i of idx) {
    const old = param[i];
    const at = (d: number) => { param[i] = old + d; return loss(); };
    const n = (-at(2 * eps) + 8 * at(eps) - 8 * at(-eps) + at(-2 * eps)) / (12 * eps);
    param[i] = old;
    const a = analytic[i];
    const abs = Math.abs(a - n);
    let rel = abs / Math.max(Math.abs(a), Math.abs(n), floor);
    if (Number.isNaN(rel)) rel = Infinity;           // a NaN gradient must fail any threshold
    if (res.worstIndex < 0 || rel > res.maxRelError) {
      res.maxRelError = rel; res.worstIndex = i; res.analytic = a; res.numeric = n;
    }
    if (!(abs <= res.maxAbsError)) res.maxAbsError = Number.isNaN(abs) ? Infinity : abs;
    res.checked++;
  }
  return res;
}
