/**
 * Long-lag memory tasks: the answer depends on an input far back, everything else is trivial.
 * Theory: theory/04_comparing_rnn_lstm_gru.md, Section 6 "A long-lag memory task".
 *
 * Recall the first symbol (one-hot inputs, `[batch]` indices per step):
 *   step 0:          a symbol s ∈ {0, …, symbols−1}                  (the thing to remember)
 *   steps 1 … lag:   distractors, drawn from {symbols, …, symbols+distractors−1}
 *   target:          s, read from the state after the last step
 *   "learned nothing": accuracy 1/symbols.
 *
 * The adding problem (the [0, 1] variant of Le, Jaitly & Hinton 2015; the original of Hochreiter &
 * Schmidhuber 1997 used values in [-1, 1] and the target 0.5 + (X1 + X2)/4; dense inputs `[batch, 2]` per step):
 *   x_t = [u_t, m_t], u_t ~ U[0, 1), m_t ∈ {0, 1}, exactly two steps marked
 *   (one in the first half, one in the second: the lag to the first one is at least seqLen/2)
 *   target:          u_a + u_b, the sum of the two marked numbers
 *   "learned nothing": predicting the mean 1 gives MSE = Var(u_a + u_b) = 2 · 1/12 = 1/6.
 *
 * Same seed, same examples: the generators use the course's seeded generator only.
 */
import { Mat, mat } from '../scratch/mat';
import { seededRng } from '../scratch/init';

export interface RecallTaskConfig {
  /** Examples. */
  n: number;
  /** Steps of distractors between the symbol and the end: the sequence has lag + 1 steps. */
  lag: number;
  /** Size of the alphabet to remember (the baseline accuracy is 1/symbols). Default 8. */
  symbols?: number;
  /** Size of the distractor alphabet. Default 4. */
  distractors?: number;
  /** Seed. Default 1. */
  seed?: number;
}

export interface RecallTask {
  /** lag + 1 steps, each the `[n]` one-hot indices of that step. */
  xs: Int32Array[];
  /** `[n]` the symbol of step 0. */
  y: Int32Array;
  /** Input size of a model: symbols + distractors. */
  inputSize: number;
  /** Classes of the output: symbols. */
  symbols: number;
  /** Accuracy of a model that learned nothing: 1/symbols. */
  baseline: number;
}

function checkInt(name: string, v: number, min: number, where: string): void {
  if (!Number.isInteger(v) || v < min) throw new Error(`${where}: ${name} must be an integer >= ${min}, got ${v}`);
}

/** The recall-the-first-symbol task (see the top of the file). */
export function recallTask(cfg: RecallTaskConfig): RecallTask {
  const symbols = cfg.symbols ?? 8, distractors = cfg.distractors ?? 4;
  checkInt('n', cfg.n, 1, 'recallTask');
  checkInt('lag', cfg.lag, 0, 'recallTask');
  checkInt('symbols', symbols, 2, 'recallTask');
  checkInt('distractors', distractors, 1, 'recallTask');
  const random = seededRng(cfg.seed ?? 1);
  const { n, lag } = cfg;
  const y = new Int32Array(n);
  for (let b = 0; b < n; b++) y[b] = random.int(symbols);
  const xs: Int32Array[] = [Int32Array.from(y)];
  for (let t = 1; t <= lag; t++) {
    const x = new Int32Array(n);
    for (let b = 0; b < n; b++) x[b] = symbols + random.int(distractors);
    xs.push(x);
  }
  return { xs, y, inputSize: symbols + distractors, symbols, baseline: 1 / symbols };
}

export interface AddingTaskConfig {
  /** Examples. */
  n: number;
  /** Steps per sequence (>= 2). */
  seqLen: number;
  /** Seed. Default 1. */
  seed?: number;
}

export interface AddingTask {
  /** seqLen steps, each `[n, 2]`: column 0 the number u_t, column 1 the marker m_t. */
  xs: Mat[];
  /** `[n]` the sum of the two marked numbers. */
  y: Float32Array;
  /** Positions of the two marked steps per example, `[n, 2]` row-major (first < second). */
  marked: Int32Array;
  /** Input size of a model: 2. */
  inputSize: number;
  /** MSE of the constant prediction 1, the mean of the target: 1/6. */
  baseline: number;
}

/** The adding problem (see the top of the file). */
export function addingProblem(cfg: AddingTaskConfig): AddingTask {
  checkInt('n', cfg.n, 1, 'addingProblem');
  checkInt('seqLen', cfg.seqLen, 2, 'addingProblem');
  const random = seededRng(cfg.seed ?? 1);
  const { n, seqLen: T } = cfg;
  const xs = Array.from({ length: T }, () => mat(n, 2, Float32Array));
  const y = new Float32Array(n);
  const marked = new Int32Array(2 * n);
  const half = Math.floor(T / 2);
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < T; t++) xs[t].data[2 * b] = random();
    const a = random.int(half);              // first half:  [0, half)
    const c = half + random.int(T - half);   // second half: [half, T)
    marked[2 * b] = a;
    marked[2 * b + 1] = c;
    xs[a].data[2 * b + 1] = 1;
    xs[c].data[2 * b + 1] = 1;
    y[b] = xs[a].data[2 * b] + xs[c].data[2 * b];
  }
  return { xs, y, marked, inputSize: 2, baseline: 1 / 6 };
}
