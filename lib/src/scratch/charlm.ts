/**
 * A character-level language model from the pieces of this folder, in the scope of
 * Karpathy's min-char-rnn, for all three cells:
 *   h_t = cell(onehot(x_t), h_{t-1})          one-hot input: a row lookup into W
 *   logits_t = h_t V + bᵥ, p_t = softmax(logits_t)
 *   loss = mean over the window of −log p_t[y_t]   (y_t = x_{t+1})
 * Training walks the text in windows of `seqLen` characters, carrying the state from one
 * window to the next but not its gradient (truncated BPTT with k = seqLen), clips, and
 * updates with the configured optimiser: one window is `trainStep`; the loop over the text (with
 * its time budget and progress callbacks) is `trainCharLM` (lib/src/train/charlm.ts), which runs the
 * library's training loop.
 * Text ↔ indices is the data module's job (`CharVocab` in lib/src/data): the model sees indices.
 * A Float32 model runs the output layer of a window in WebAssembly (charlm-kernel.ts), with the
 * same arithmetic as the loop written out in `lossAndGradients`, so with the same results; with
 * Adagrad it also clips and updates in one WebAssembly pass (charlm-update.ts), with the same
 * arithmetic as the step written out in `trainStep`.
 */
import { FloatDType, FloatArray, Mat, ctorOf, mat } from './mat';
import { gemmNN } from './fast/gemm';
import { CellConfig, CellKind, CellParams } from './types';
import { initCellParams, glorotUniform, Rng, seededRng } from './init';
import { paramArrays, zerosLike } from './params';
import { ForwardResult, SequenceWorkspace, backwardSequence, createWorkspace, forwardSequence } from './fast/sequence';
import { denseBackward, perplexity, softmaxCrossEntropy, softmaxProbs } from './softmax';
import { clipByGlobalNorm, clipByValue } from './clip';
import { Optimizer, adagrad, adam, sgd } from './optim';
import { CharLMOutputKernel } from './charlm-kernel';
import { CharLMFusedUpdate, fusedClipSupported } from './charlm-update';
import { fusedAdagradAvailable } from './fast/fused-adagrad';

const ADAGRAD_EPS = 1e-8;   // ε of min-char-rnn's Adagrad, on both paths

export interface CharLanguageModelConfig {
  cell: CellKind;
  vocabSize: number;
  hiddenSize?: number;                       // default 100 (min-char-rnn)
  seqLen?: number;                           // window length and BPTT truncation, default 25
  optimizer?: 'adagrad' | 'adam' | 'sgd';    // default 'adagrad' (min-char-rnn)
  lr?: number;                               // default 0.1 for adagrad/sgd, 0.002 for adam
  clipValue?: number;                        // clip each gradient entry to [−v, v], default 5 (min-char-rnn)
  clipNorm?: number;                         // clip by global norm instead/as well, default none
  resetAfter?: boolean;                      // GRU convention, default false (tf.layers)
  seed?: number;                             // weights and sampling, default 42
  dtype?: FloatDType;                             // default 'float32'
}

export interface SampleOptions {
  temperature?: number;   // divide logits by this; < 1 sharper, > 1 flatter. Default 1
  topK?: number;          // sample among the k most likely only. Default all
  random?: Rng;           // default: the model's seeded generator
  h?: Mat;                // starting state, default zeros
  c?: Mat;
}

/**
 * Logits to sample or decode from: at least one, no NaN, no +Infinity, and at least one finite
 * (-Infinity marks a token that can never be drawn). A model with broken weights produces such
 * logits: an error here says so instead of returning an arbitrary id.
 */
export function checkLogits(where: string, logits: ArrayLike<number>): void {
  if (logits == null || typeof logits.length !== 'number') throw new TypeError(`${where}: logits must be a list of numbers, got ${logits === null ? 'null' : typeof logits}`);
  if (logits.length === 0) throw new Error(`${where}: the logits are empty (a vocabulary of 0 tokens): nothing to choose from`);
  let finite = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i];
    if (typeof v !== 'number' || Number.isNaN(v) || v === Infinity) {
      throw new Error(`${where}: logit ${i} is ${v}: the model's output is not a finite number (are its weights NaN or infinite? check the training run)`);
    }
    if (v !== -Infinity) finite++;
  }
  if (finite === 0) throw new Error(`${where}: every one of the ${logits.length} logits is -Infinity: no token can be drawn`);
}

/** Draws an index from softmax(logits / temperature), restricted to the top k when given. */
export function sampleNext(logits: ArrayLike<number>, opts: { temperature?: number; topK?: number; random?: Rng } = {}): number {
  checkLogits('sampleNext', logits);
  const temperature = opts.temperature ?? 1;
  if (!(Number.isFinite(temperature) && temperature > 0)) throw new Error(`sampleNext temperature: expected a finite number > 0, got ${temperature}`);
  const p = softmaxProbs(logits, temperature);
  const random = opts.random ?? Math.random;
  const k = opts.topK;
  if (k !== undefined) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`sampleNext topK: expected a positive integer, got ${k}`);
    if (k < p.length) {
      const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]);
      let kept = 0;
      for (let i = 0; i < order.length; i++) {
        if (i < k) kept += p[order[i]];
        else p[order[i]] = 0;
      }
      for (let i = 0; i < p.length; i++) p[i] /= kept;
    }
  }
  let u = random();
  if (!(u >= 0 && u < 1)) throw new Error(`sampleNext random: expected a number in [0, 1) from the generator, got ${u}`);
  for (let i = 0; i < p.length; i++) {
    u -= p[i];
    if (u < 0) return i;
  }
  for (let i = p.length - 1; i >= 0; i--) if (p[i] > 0) return i;   // rounding left u ≥ 0
  return p.length - 1;
}

export class CharLanguageModel {
  readonly cfg: Required<Omit<CharLanguageModelConfig, 'clipNorm'>> & { clipNorm?: number };
  readonly cellCfg: CellConfig;
  readonly cell: CellParams;         // recurrent layer, inputSize = vocabSize
  readonly Wy: Mat;                  // V [hiddenSize, vocabSize]
  readonly by: FloatArray;           // bᵥ [vocabSize]
  readonly optimizer: Optimizer;
  readonly random: Rng;
  private readonly ws: SequenceWorkspace;
  private readonly grads: CellParams;
  private readonly dWy: Mat;
  private readonly dby: FloatArray;
  private readonly logits: Mat[];    // per step [1, V]
  private readonly dhs: Mat[];       // per step [1, H]
  private readonly dLogits: Mat[];   // per step [1, V]: rows of the output kernel's dLogits (kernel path only)
  private readonly target = new Int32Array(1);
  private readonly soft: { probs: Mat; dLogits: Mat };
  private readonly inputs: Int32Array[];
  private readonly out: CharLMOutputKernel | null;  // the output layer in WebAssembly (float32), same results
  private readonly fused: CharLMFusedUpdate | null; // clipping + Adagrad in WebAssembly (float32), same results
  private readonly sparseRows: boolean;             // updates skip the kernel rows a window leaves at zero
  private readonly kernelRows: FloatArray[];        // W's rows, one view per character
  private readonly kernelGradRows: FloatArray[];    // ∂loss/∂W's rows, likewise
  private readonly inWindow: Uint8Array;            // [vocabSize] 1 where the window reads that character
  private h: Mat;                    // state carried across windows
  private c: Mat;

  constructor(config: CharLanguageModelConfig) {
    const opt = config.optimizer ?? 'adagrad';
    this.cfg = {
      cell: config.cell,
      vocabSize: config.vocabSize,
      hiddenSize: config.hiddenSize ?? 100,
      seqLen: config.seqLen ?? 25,
      optimizer: opt,
      lr: config.lr ?? (opt === 'adam' ? 0.002 : 0.1),
      clipValue: config.clipValue ?? 5,
      clipNorm: config.clipNorm,
      resetAfter: config.resetAfter ?? false,
      seed: config.seed ?? 42,
      dtype: config.dtype ?? 'float32',
    };
    const { vocabSize: V, hiddenSize: H, seqLen: T, dtype, seed } = this.cfg;
    if (!Number.isInteger(V) || V < 2) throw new Error(`CharLanguageModel vocabSize: expected an integer >= 2, got ${V}`);
    if (!Number.isInteger(T) || T < 1) throw new Error(`CharLanguageModel seqLen: expected a positive integer, got ${T}`);
    this.cellCfg = { cell: this.cfg.cell, inputSize: V, hiddenSize: H, resetAfter: this.cfg.cell === 'gru' ? this.cfg.resetAfter : undefined };
    const cell = initCellParams(this.cellCfg, { seed, dtype });
    this.random = seededRng(seed + 1);
    const C = ctorOf(dtype);
    const fusable = dtype === 'float32' && opt === 'adagrad' && fusedClipSupported(this.cfg.clipNorm, this.cfg.clipValue) && fusedAdagradAvailable();
    const extraBytes = fusable ? CharLMFusedUpdate.bytesFor(cell, { hiddenSize: H, vocabSize: V }) : 0;
    this.out = dtype === 'float32' ? CharLMOutputKernel.create(H, V, T, extraBytes) : null;
    // The fused update keeps the model's arrays in the kernel's memory (copies of the same initial values).
    this.fused = this.out && fusable ? new CharLMFusedUpdate(this.out, cell) : null;
    this.cell = this.fused ? this.fused.cell : cell;
    const rowsOf = (data: FloatArray, rows: number, cols: number): Mat => ({ rows, cols, data });
    const Wy = glorotUniform(H, V, seededRng(seed + 2), dtype);
    if (this.out) this.out.W.set(Wy.data);
    this.Wy = this.out ? rowsOf(this.out.W, H, V) : Wy;
    this.by = this.fused ? this.fused.by : new C(V);
    // With the fused update, Adagrad's state lives in the kernel's memory and this optimiser stays unused.
    this.optimizer = opt === 'adam' ? adam({ lr: this.cfg.lr }) : opt === 'sgd' ? sgd({ lr: this.cfg.lr }) : adagrad({ lr: this.cfg.lr, eps: ADAGRAD_EPS });
    this.ws = createWorkspace(this.cellCfg, 1, T, dtype);
    this.grads = this.fused ? this.fused.grads : zerosLike(this.cell);
    const out = this.out;
    this.dWy = out ? rowsOf(out.dW, H, V) : mat(H, V, C);
    this.dby = this.fused ? this.fused.dby : new C(V);
    this.logits = Array.from({ length: T }, (_, t) => (out ? rowsOf(out.logits.subarray(t * V, (t + 1) * V), 1, V) : mat(1, V, C)));
    this.dhs = Array.from({ length: T }, (_, t) => (out ? rowsOf(out.dh.subarray(t * H, (t + 1) * H), 1, H) : mat(1, H, C)));
    this.dLogits = out ? Array.from({ length: T }, (_, t) => rowsOf(out.dLogits.subarray(t * V, (t + 1) * V), 1, V)) : [];
    this.soft = { probs: mat(1, V, C), dLogits: mat(1, V, C) };
    this.inputs = Array.from({ length: T }, () => new Int32Array(1));
    this.h = mat(1, H, C);
    this.c = mat(1, H, C);
    // Adam moves a weight whose gradient is zero (its moments decay); Adagrad and plain SGD do not.
    this.sparseRows = opt !== 'adam';
    const kH = this.cell.kernel.cols;
    this.kernelRows = Array.from({ length: V }, (_, r) => this.cell.kernel.data.subarray(r * kH, (r + 1) * kH));
    this.kernelGradRows = Array.from({ length: V }, (_, r) => this.grads.kernel.data.subarray(r * kH, (r + 1) * kH));
    this.inWindow = new Uint8Array(V);
  }

  /** All trainable arrays, in a fixed order (cell weights, then V, bᵥ). */
  parameters(): FloatArray[] {
    return [...paramArrays(this.cell), this.Wy.data, this.by];
  }

  gradients(): FloatArray[] {
    return [...paramArrays(this.grads), this.dWy.data, this.dby];
  }

  /** Forgets the carried state (start of an epoch or of a new text). */
  resetState(): void {
    this.h.data.fill(0);
    this.c.data.fill(0);
  }

  /** Mean loss of one window and the gradients (left in `gradients()`); advances the carried state. */
  lossAndGradients(inputs: ArrayLike<number>, targets: ArrayLike<number>): number {
    const T = inputs.length;
    if (T < 1 || T > this.cfg.seqLen) throw new Error(`window: expected 1..${this.cfg.seqLen} inputs, got ${T}`);
    if (targets.length !== T) throw new Error(`targets: expected ${T} (one per input), got ${targets.length}`);
    const { vocabSize: V, hiddenSize: H } = this.cfg;
    const xs = this.inputs.slice(0, T);
    for (let t = 0; t < T; t++) xs[t][0] = inputs[t];
    const f = forwardSequence(this.cellCfg, this.cell, xs, { h: this.h, c: this.cfg.cell === 'lstm' ? this.c : undefined }, { workspace: this.ws });
    for (const g of this.gradients()) g.fill(0);
    if (this.out) return this.outputLayerKernel(f, targets, T);
    const target = new Int32Array(1);
    let loss = 0;
    for (let t = 0; t < T; t++) {
      const lg = this.logits[t];
      lg.data.set(this.by);
      gemmNN(1, V, H, f.hs[t].data, 0, H, this.Wy.data, 0, V, lg.data, 0, V);   // logits = h V + bᵥ
      target[0] = targets[t];
      const r = softmaxCrossEntropy(lg, target, { out: this.soft });
      loss += r.loss / T;
      for (let j = 0; j < V; j++) r.dLogits.data[j] /= T;                     // gradient of the window mean
      denseBackward(f.hs[t], this.Wy, r.dLogits, this.dWy, this.dby, this.dhs[t]);
    }
    backwardSequence(f, this.dhs.slice(0, T), { grads: this.grads, inputGrads: false });
    this.h.data.set(f.h.data);
    if (f.c) this.c.data.set(f.c.data);
    return loss;
  }

  /**
   * The loop above with the three products of the output layer in WebAssembly, each over the
   * whole window (charlm-kernel.ts: the same arithmetic, so the same results bit for bit): the
   * logits of all steps, then per step the softmax and ∂loss/∂logits (JavaScript, as above), then
   * dV and every ∂loss/∂h_t.
   */
  private outputLayerKernel(f: ForwardResult, targets: ArrayLike<number>, T: number): number {
    const out = this.out!;
    const { vocabSize: V, hiddenSize: H } = this.cfg;
    for (let t = 0; t < T; t++) {
      const h = f.hs[t].data;
      out.hs.set(h.length === H ? h : h.subarray(0, H), t * H);               // h_t [1, H]
      out.logits.set(this.by, t * V);
    }
    out.forward(T);                                                            // logits_t = h_t V + bᵥ
    const target = this.target;
    let loss = 0;
    for (let t = 0; t < T; t++) {
      target[0] = targets[t];
      const dLogits = this.dLogits[t];
      const r = softmaxCrossEntropy(this.logits[t], target, { out: { probs: this.soft.probs, dLogits } });
      loss += r.loss / T;
      const d = dLogits.data;
      for (let j = 0; j < V; j++) d[j] /= T;                                  // gradient of the window mean
      for (let j = 0; j < V; j++) this.dby[j] += d[j];                        // dbᵥ += ∂loss/∂logits_t
    }
    out.weightGrad(T);                                                         // dV += h_tᵀ ∂loss/∂logits_t
    out.dh.fill(0, 0, T * H);
    out.inputGrad(T);                                                          // ∂loss/∂h_t = ∂loss/∂logits_t Vᵀ
    backwardSequence(f, this.dhs.slice(0, T), { grads: this.grads, inputGrads: false });
    this.h.data.set(f.h.data);
    if (f.c) this.c.data.set(f.c.data);
    return loss;
  }

  /** One optimisation step on one window; returns its mean loss. */
  trainStep(inputs: ArrayLike<number>, targets: ArrayLike<number>): number {
    const loss = this.lossAndGradients(inputs, targets);
    if (this.fused) {
      // The step written out below, in one WebAssembly pass (charlm-update.ts): the same arithmetic.
      this.fused.step(this.charactersRead(inputs), { lr: this.cfg.lr, eps: ADAGRAD_EPS, clipNorm: this.cfg.clipNorm, clipValue: this.cfg.clipValue });
      return loss;
    }
    const { params, grads } = this.sparseRows ? this.updatedArrays(inputs) : { params: this.parameters(), grads: this.gradients() };
    const { clipNorm, clipValue } = this.cfg;
    const norm = clipNorm ? clipByGlobalNorm(grads, clipNorm) : Infinity;
    // No entry exceeds the global norm (in floating point too: the sum of squares only grows), so
    // when the norm is within clipValue and nothing was scaled, clipping by value changes nothing.
    if (clipValue && !(norm <= clipNorm! && norm <= clipValue)) clipByValue(grads, clipValue);
    this.optimizer.step(params, grads);
    return loss;
  }

  /**
   * The arrays an Adagrad or SGD step changes, in the order of `parameters()`. The input is one-hot,
   * so x_t W is row x_t of W, and ∂loss/∂W is zero outside the rows of the characters the window
   * reads (often fewer than half of the vocabulary). A zero gradient adds nothing to a norm, is
   * left alone by clipping and moves no weight (Adagrad: G + 0², θ − lr·0 / (√G + ε)): the rows
   * it skips, in ascending order, leave every result bit for bit as the full update's.
   */
  private updatedArrays(inputs: ArrayLike<number>): { params: FloatArray[]; grads: FloatArray[] } {
    const seen = this.charactersRead(inputs);
    const params: FloatArray[] = [], grads: FloatArray[] = [];
    for (let r = 0; r < seen.length; r++) {
      if (seen[r]) { params.push(this.kernelRows[r]); grads.push(this.kernelGradRows[r]); }
    }
    const rest = this.parameters().slice(1), restGrads = this.gradients().slice(1);   // all but the kernel
    return { params: params.concat(rest), grads: grads.concat(restGrads) };
  }

  /** [vocabSize]: 1 for the characters the window reads, else 0. */
  private charactersRead(inputs: ArrayLike<number>): Uint8Array {
    const seen = this.inWindow;
    seen.fill(0);
    for (let t = 0; t < inputs.length; t++) seen[inputs[t]] = 1;
    return seen;
  }

  /** Mean loss (nats per character) and perplexity of predicting ids[1..] from ids[..n-1], no training. */
  evaluate(ids: Int32Array): { loss: number; perplexity: number } {
    const { vocabSize: V, hiddenSize: H, seqLen: T } = this.cfg;
    const C = ctorOf(this.cfg.dtype);
    let h = mat(1, H, C), c = mat(1, H, C);
    const logits = mat(1, V, C);
    const target = new Int32Array(1);
    let sum = 0, n = 0;
    for (let p = 0; p + 1 < ids.length; p += T) {
      const len = Math.min(T, ids.length - 1 - p);
      const xs = Array.from({ length: len }, (_, t) => Int32Array.of(ids[p + t]));
      const f = forwardSequence(this.cellCfg, this.cell, xs, { h, c: this.cfg.cell === 'lstm' ? c : undefined }, { workspace: this.ws });
      for (let t = 0; t < len; t++) {
        logits.data.set(this.by);
        gemmNN(1, V, H, f.hs[t].data, 0, H, this.Wy.data, 0, V, logits.data, 0, V);
        target[0] = ids[p + 1 + t];
        sum += softmaxCrossEntropy(logits, target, { out: this.soft }).loss;
        n++;
      }
      h = mat(1, H, C); h.data.set(f.h.data);
      if (f.c) { c = mat(1, H, C); c.data.set(f.c.data); }
    }
    if (n === 0) throw new Error(`evaluate: expected at least 2 characters, got ${ids.length}`);
    return { loss: sum / n, perplexity: perplexity(sum / n) };
  }

  /** Generates `n` indices after `seedIndex`, one step at a time. */
  sample(seedIndex: number, n: number, opts: SampleOptions = {}): Int32Array {
    const { vocabSize: V, hiddenSize: H } = this.cfg;
    if (!Number.isInteger(seedIndex) || seedIndex < 0 || seedIndex >= V) throw new Error(`sample seedIndex: expected an integer in [0, ${V}), got ${seedIndex}`);
    const C = ctorOf(this.cfg.dtype);
    const ws = createWorkspace(this.cellCfg, 1, 1, this.cfg.dtype);
    const h = mat(1, H, C), c = mat(1, H, C);
    if (opts.h) h.data.set(opts.h.data);
    if (opts.c) c.data.set(opts.c.data);
    const logits = mat(1, V, C);
    const x = new Int32Array(1);
    const out = new Int32Array(n);
    const random = opts.random ?? this.random;
    x[0] = seedIndex;
    for (let i = 0; i < n; i++) {
      const f = forwardSequence(this.cellCfg, this.cell, [x], { h, c: this.cfg.cell === 'lstm' ? c : undefined }, { workspace: ws });
      h.data.set(f.h.data);
      if (f.c) c.data.set(f.c.data);
      logits.data.set(this.by);
      gemmNN(1, V, H, h.data, 0, H, this.Wy.data, 0, V, logits.data, 0, V);
      x[0] = sampleNext(logits.data, { temperature: opts.temperature, topK: opts.topK, random });
      out[i] = x[0];
    }
    return out;
  }
}
