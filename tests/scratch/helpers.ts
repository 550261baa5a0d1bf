/** Shared fixtures for the scratch tests: small random problems with fixed seeds. */
import { CellConfig, CellParams, CharLanguageModel, FloatDType, Mat, Rng, ctorOf, mat, seededRng, zeroParams } from 'seqmodels/internals';

export function randMat(rows: number, cols: number, random: Rng, scale = 1, dtype: FloatDType = 'float64'): Mat {
  const m = mat(rows, cols, ctorOf(dtype));
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * random() - 1) * scale;
  return m;
}

export function randParams(cfg: CellConfig, random: Rng, dtype: FloatDType = 'float64', scale = 0.6): CellParams {
  const p = zeroParams(cfg, dtype);
  for (const a of [p.kernel.data, p.recurrentKernel.data, p.bias, p.recurrentBias]) {
    if (a) for (let i = 0; i < a.length; i++) a[i] = (2 * random() - 1) * scale;
  }
  return p;
}

export interface Problem {
  cfg: CellConfig;
  params: CellParams;
  xs: Mat[];
  h0: Mat;
  c0?: Mat;
  /** Loss weights: L = Σ_t ⟨h_t, R_t⟩ + ⟨h_T, Rh⟩ + ⟨c_T, Rc⟩. */
  R: Mat[];
  Rh: Mat;
  Rc?: Mat;
}

export function problem(cfg: CellConfig, batch: number, seqLen: number, seed: number, dtype: FloatDType = 'float64'): Problem {
  const random = seededRng(seed);
  const H = cfg.hiddenSize;
  const p: Problem = {
    cfg,
    params: randParams(cfg, random, dtype),
    xs: Array.from({ length: seqLen }, () => randMat(batch, cfg.inputSize, random, 1, dtype)),
    h0: randMat(batch, H, random, 0.5, dtype),
    R: Array.from({ length: seqLen }, () => randMat(batch, H, random, 1, dtype)),
    Rh: randMat(batch, H, random, 1, dtype),
  };
  if (cfg.cell === 'lstm') {
    p.c0 = randMat(batch, H, random, 0.5, dtype);
    p.Rc = randMat(batch, H, random, 1, dtype);
  }
  return p;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return Number.isNaN(m) ? Infinity : m;
}

export const CELLS: { name: string; cfg: (inputSize: number, hiddenSize: number) => CellConfig }[] = [
  { name: 'rnn', cfg: (inputSize, hiddenSize) => ({ cell: 'rnn', inputSize, hiddenSize }) },
  { name: 'lstm', cfg: (inputSize, hiddenSize) => ({ cell: 'lstm', inputSize, hiddenSize }) },
  { name: 'gru (reset before)', cfg: (inputSize, hiddenSize) => ({ cell: 'gru', inputSize, hiddenSize, resetAfter: false }) },
  { name: 'gru (reset after)', cfg: (inputSize, hiddenSize) => ({ cell: 'gru', inputSize, hiddenSize, resetAfter: true }) },
];

/** A short text for the character-model tests: its sorted alphabet and its characters as ids. */
export const charText = (() => {
  const text = 'to be, or not to be: that is the question; whether tis nobler in the mind. '.repeat(3);
  const chars = [...new Set(text)].sort();
  return { text, chars, ids: Int32Array.from([...text].map((c) => chars.indexOf(c))) };
})();

/** Every window of `ids` in order (the last one shorter), twice; the loss of each. */
export function trainWindowsTwice(model: CharLanguageModel, ids: Int32Array): number[] {
  const T = model.cfg.seqLen, losses: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    model.resetState();
    for (let p = 0; p + 1 < ids.length; p += T) {
      const len = Math.min(T, ids.length - 1 - p);
      losses.push(model.trainStep(ids.subarray(p, p + len), ids.subarray(p + 1, p + 1 + len)));
    }
  }
  return losses;
}

/** The bit patterns of values as float32 (equal bits: equal to the last bit). */
export const float32Bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(a).buffer));
