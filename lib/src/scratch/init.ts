/**
 * Seeded initialisers, so every notebook, test and exercise is reproducible.
 *   seededRng(seed)         mulberry32 uniform [0, 1), plus `normal()` (Box–Muller)
 *   glorotUniform           U(−a, a), a = sqrt(6 / (fanIn + fanOut))
 *   orthogonal              QR (Gram–Schmidt) of a Gaussian matrix    (tf.layers' recurrentKernel default)
 *   zeros                   biases
 *   initCellParams          all three for one cell, with the LSTM forget bias set to 1 on request
 */
import { FloatDType, Mat, ctorOf, mat } from './mat';
import { CellConfig, CellParams, gateCount } from './types';
import { checkConfig } from './params';

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

/** A small, fast, seeded generator (mulberry32). Same seed, same numbers, on every machine. */
export function seededRng(seed = 42): Rng {
  // A NaN or fractional seed would be truncated (NaN to 0): silently the same stream as another seed.
  if (!Number.isSafeInteger(seed)) throw new Error(`seededRng: seed must be an integer, got ${seed}`);
  let s = seed >>> 0;
  const next = (() => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.normal = () => {
    let u = 0;
    while (u === 0) u = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  next.int = (n: number) => Math.floor(next() * n);
  return next;
}

function checkDims(where: string, rows: number, cols: number): void {
  if (!(Number.isInteger(rows) && rows > 0 && Number.isInteger(cols) && cols > 0)) {
    throw new Error(`${where}: expected a shape [rows, cols] of positive integers, got [${rows}, ${cols}]`);
  }
}

/** Glorot/Xavier uniform `[rows, cols]`: U(−a, a) with a = sqrt(6 / (rows + cols)). */
export function glorotUniform(rows: number, cols: number, random: Rng = seededRng(), dtype: FloatDType = 'float32'): Mat {
  checkDims('glorotUniform', rows, cols);
  const m = mat(rows, cols, ctorOf(dtype));
  const a = Math.sqrt(6 / (rows + cols));
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * random() - 1) * a;
  return m;
}

/**
 * Gram–Schmidt in place: each vector in turn loses its components along the earlier ones
 * (twice, enough for orthogonality to rounding) and is scaled to length 1. The norm divided by
 * is positive, which is QR's sign convention (R's diagonal > 0). Returns the same vectors.
 */
export function orthonormalize(vectors: Float64Array[]): Float64Array[] {
  vectors.forEach((a, i) => {
    for (let pass = 0; pass < 2; pass++) {
      for (const q of vectors.slice(0, i)) {
        let dot = 0;
        for (let j = 0; j < a.length; j++) dot += a[j] * q[j];
        for (let j = 0; j < a.length; j++) a[j] -= dot * q[j];
      }
    }
    let norm = 0;
    for (let j = 0; j < a.length; j++) norm += a[j] * a[j];
    norm = Math.sqrt(norm);
    for (let j = 0; j < a.length; j++) a[j] /= norm;
  });
  return vectors;
}

/**
 * A `[rows, cols]` matrix with orthonormal rows (rows <= cols) or columns (rows > cols),
 * times `gain`: Gram–Schmidt on a Gaussian matrix, with signs fixed as in QR.
 */
export function orthogonal(rows: number, cols: number, random: Rng = seededRng(), gain = 1, dtype: FloatDType = 'float32'): Mat {
  checkDims('orthogonal', rows, cols);
  const n = Math.min(rows, cols);   // number of orthonormal vectors
  const len = Math.max(rows, cols); // their length
  const v = orthonormalize(Array.from({ length: n }, () => Float64Array.from({ length: len }, () => random.normal())));
  const m = mat(rows, cols, ctorOf(dtype));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < len; j++) {
      if (rows <= cols) m.data[i * cols + j] = gain * v[i][j];
      else m.data[j * cols + i] = gain * v[i][j];
    }
  }
  return m;
}

export function zerosMat(rows: number, cols: number, dtype: FloatDType = 'float32'): Mat {
  return mat(rows, cols, ctorOf(dtype));
}

export interface InitOptions {
  seed?: number;          // default 42
  dtype?: FloatDType;          // default 'float32'
  unitForgetBias?: boolean; // LSTM: forget-gate bias 1 (Jozefowicz et al. 2015; tf.layers' default true). Default true.
}

/**
 * Fresh weights for one cell: kernel Glorot uniform, recurrentKernel orthogonal per gate block
 * (each [H, H] gate block orthogonal), biases zero
 * (LSTM forget bias 1 unless `unitForgetBias: false`).
 */
export function initCellParams(cfg: CellConfig, opts: InitOptions = {}): CellParams {
  checkConfig(cfg);
  const random = seededRng(opts.seed ?? 42);
  const dtype = opts.dtype ?? 'float32';
  const H = cfg.hiddenSize;
  const k = gateCount(cfg.cell);
  const kernel = glorotUniform(cfg.inputSize, k * H, random, dtype);
  const recurrentKernel = mat(H, k * H, ctorOf(dtype));
  for (let g = 0; g < k; g++) {
    const block = orthogonal(H, H, random, 1, dtype);
    for (let r = 0; r < H; r++) recurrentKernel.data.set(block.data.subarray(r * H, (r + 1) * H), r * k * H + g * H);
  }
  const C = ctorOf(dtype);
  const bias = new C(k * H);
  if (cfg.cell === 'lstm' && opts.unitForgetBias !== false) bias.fill(1, H, 2 * H);
  const p: CellParams = { kernel, recurrentKernel, bias };
  if (cfg.cell === 'gru' && cfg.resetAfter) p.recurrentBias = new C(k * H);
  return p;
}
