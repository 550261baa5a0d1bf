/**
 * Parameter updates, in place, over lists of arrays (`paramArrays(params)`, `paramArrays(grads)`).
 * Optimiser state is kept per parameter array, so the same optimiser can update several layers.
 *   sgd:      θ ← θ − lr·g                     (with momentum μ: v ← μv + g, θ ← θ − lr·v)
 *   adagrad:  G ← G + g², θ ← θ − lr·g / (√G + ε)          (min-char-rnn: lr 0.1, ε 1e-8)
 *   adam:     m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·m̂ / (√v̂ + ε),
 *             m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
 */
import type { FloatArray } from './mat';

export interface Optimizer {
  readonly name: string;
  /** Applies one update to each `params[i]` from `grads[i]`. */
  step(params: FloatArray[], grads: FloatArray[]): void;
}

function checkPairs(name: string, params: FloatArray[], grads: FloatArray[]): void {
  if (params.length !== grads.length) throw new Error(`${name}: expected as many gradient arrays as parameter arrays (${params.length}), got ${grads.length}`);
  params.forEach((p, i) => {
    if (p.length !== grads[i].length) throw new Error(`${name}: gradient ${i} expected shape [${p.length}], got [${grads[i].length}]`);
  });
}

function stateFor(store: WeakMap<FloatArray, Float64Array>, p: FloatArray): Float64Array {
  let s = store.get(p);
  if (!s) { s = new Float64Array(p.length); store.set(p, s); }
  return s;
}

export interface SgdConfig {
  lr: number;          // learning rate
  momentum?: number;   // μ, default 0 (plain SGD)
}

/** A learning rate or decay must be a positive finite number; say which and what came. */
function checkRate(where: string, name: string, v: number, max = Infinity): void {
  if (!(Number.isFinite(v) && v > 0 && v < max)) {
    throw new Error(`${where}: ${name} must be a positive number${max < Infinity ? ` below ${max}` : ''}, got ${v}`);
  }
}

export function sgd(cfg: SgdConfig): Optimizer {
  checkRate('sgd', 'lr', cfg?.lr);
  const mu = cfg.momentum ?? 0;
  if (!(mu >= 0 && mu < 1)) throw new Error(`sgd: momentum must be in [0, 1), got ${mu}`);
  const velocity = new WeakMap<FloatArray, Float64Array>();
  return {
    name: 'sgd',
    step(params, grads) {
      checkPairs('sgd', params, grads);
      params.forEach((p, k) => {
        const g = grads[k];
        if (mu === 0) { for (let i = 0; i < p.length; i++) p[i] -= cfg.lr * g[i]; return; }
        const v = stateFor(velocity, p);
        for (let i = 0; i < p.length; i++) { v[i] = mu * v[i] + g[i]; p[i] -= cfg.lr * v[i]; }
      });
    },
  };
}

export interface AdagradConfig {
  lr: number;          // learning rate (min-char-rnn uses 0.1)
  eps?: number;        // ε, default 1e-8
}

export function adagrad(cfg: AdagradConfig): Optimizer {
  checkRate('adagrad', 'lr', cfg?.lr);
  const eps = cfg.eps ?? 1e-8;
  const sumSq = new WeakMap<FloatArray, Float64Array>();
  return {
    name: 'adagrad',
    step(params, grads) {
      checkPairs('adagrad', params, grads);
      const lr = cfg.lr;
      params.forEach((p, k) => {
        const g = grads[k];
        const G = stateFor(sumSq, p);
        for (let i = 0; i < p.length; i++) {
          G[i] += g[i] * g[i];
          p[i] -= (lr * g[i]) / (Math.sqrt(G[i]) + eps);
        }
      });
    },
  };
}

export interface AdamConfig {
  lr?: number;         // default 1e-3
  beta1?: number;      // default 0.9
  beta2?: number;      // default 0.999
  eps?: number;        // default 1e-8
}

export function adam(cfg: AdamConfig = {}): Optimizer {
  const lr = cfg.lr ?? 1e-3, b1 = cfg.beta1 ?? 0.9, b2 = cfg.beta2 ?? 0.999, eps = cfg.eps ?? 1e-8;
  checkRate('adam', 'lr', lr);
  checkRate('adam', 'beta1', b1, 1);
  checkRate('adam', 'beta2', b2, 1);
  const m1 = new WeakMap<FloatArray, Float64Array>();
  const m2 = new WeakMap<FloatArray, Float64Array>();
  const steps = new WeakMap<FloatArray, number>();
  return {
    name: 'adam',
    step(params, grads) {
      checkPairs('adam', params, grads);
      params.forEach((p, k) => {
        const g = grads[k];
        const m = stateFor(m1, p), v = stateFor(m2, p);
        const t = (steps.get(p) ?? 0) + 1;
        steps.set(p, t);
        const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
        for (let i = 0; i < p.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
        }
      });
    },
  };
}
