/**
 * Beam search (theory 05, Section 3, *Decoding*): keep the k most probable partial outputs
 * instead of the single most probable next token.
 *
 * A hypothesis is a list of generated tokens y_1..y_n with its log-probability
 *   log p(y_1..y_n | x) = Σ_j log p(y_j | y_<j, x)
 * and a flag saying whether it has ended (emitted the end token). One step of the search:
 *   1. expand: every unfinished hypothesis is extended by every token v, its log-probability
 *      growing by log p(v | hypothesis); an extension by the end token is finished;
 *   2. carry: finished hypotheses are kept as they are (never extended);
 *   3. score: score(h) = log p(h) / n^α, the log-probability normalised by the length n
 *      (α = 0: no normalisation, the raw log-probability; α = 1: the mean per token). Without it
 *      short outputs win only because they multiply fewer probabilities below one;
 *   4. keep the k candidates of highest score (ties: the earlier candidate, in the order
 *      hypotheses then tokens).
 * The search stops when every kept hypothesis has finished or after `maxLen` steps. With k = 1 it
 * is greedy decoding; with k large enough to keep every candidate it is exhaustive search.
 *
 * The model enters only through a `step` function from the unfinished hypotheses to their next
 * token log-probabilities, so the same search serves language models (`beamGenerate`, below) and
 * encoder-decoders (`beamDecode` in seq2seq/beam.ts). Exercise: `exercises/05_seq2seq/beam_step.ts`.
 */
import * as tf from '@tensorflow/tfjs';

export interface Hypothesis {
  /** Generated token ids (prime or start symbol not included). */
  tokens: number[];
  /** log p(tokens | prime or source), in nats. */
  logProb: number;
  /** True once the end token was emitted (it is the last of `tokens`). */
  finished: boolean;
}

export interface BeamOptions {
  /** k: hypotheses kept after each step (≥ 1; 1 is greedy decoding). */
  beamWidth: number;
  /** Steps at most (tokens per hypothesis). */
  maxLen: number;
  /** Token that ends a hypothesis (default: none, every hypothesis runs `maxLen` steps). */
  endId?: number;
  /** Length normalisation exponent α ≥ 0 (default 1: mean log-probability per token). */
  alpha?: number;
  /** Token ids never generated (e.g. `<unk>`, the start symbol): their probability counts as 0. */
  exclude?: number[];
}

/** score(h) = log p(h) / n^α (n = number of tokens; a hypothesis without tokens scores its log-probability). */
export function beamScore(h: Hypothesis, alpha = 1): number {
  const n = h.tokens.length;
  return n === 0 ? h.logProb : h.logProb / Math.pow(n, alpha);
}

/**
 * One step of beam search. `logProbs[i]` are the next-token log-probabilities `[vocabSize]` of
 * `beams[i]` (rows of finished hypotheses are not read). Returns at most `beamWidth` hypotheses,
 * best first.
 */
export function beamStep(
  beams: Hypothesis[],
  logProbs: ArrayLike<number>[],
  beamWidth: number,
  opts: { endId?: number; alpha?: number; exclude?: number[] } = {},
): Hypothesis[] {
  if (!Number.isInteger(beamWidth) || beamWidth < 1) throw new Error(`beamStep: beamWidth must be a positive integer, got ${beamWidth}`);
  if (logProbs.length !== beams.length) throw new Error(`beamStep: ${logProbs.length} rows of log-probabilities for ${beams.length} hypotheses`);
  const alpha = opts.alpha ?? 1;
  if (!(alpha >= 0)) throw new Error(`beamStep: alpha must be ≥ 0, got ${alpha}`);
  const excluded = new Set(opts.exclude ?? []);
  const candidates: Hypothesis[] = [];
  beams.forEach((h, i) => {
    if (h.finished) {
      candidates.push(h); // carried, not extended
      return;
    }
    const row = logProbs[i];
    for (let v = 0; v < row.length; v++) {
      if (excluded.has(v) || row[v] === -Infinity) continue;
      candidates.push({ tokens: [...h.tokens, v], logProb: h.logProb + row[v], finished: v === opts.endId });
    }
  });
  const scored = candidates.map((h, order) => ({ h, order, score: beamScore(h, alpha) }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, beamWidth).map((s) => s.h);
}

/**
 * Beam search with a model given as `step`: from the unfinished hypotheses to their next-token
 * log-probabilities (one row `[vocabSize]` per hypothesis, in order). Returns the final beam, best first.
 */
export function beamSearch(step: (live: Hypothesis[]) => ArrayLike<number>[], opts: BeamOptions): Hypothesis[] {
  if (!Number.isInteger(opts.maxLen) || opts.maxLen < 0) throw new Error(`beamSearch: maxLen must be a non-negative integer, got ${opts.maxLen}`);
  let beams: Hypothesis[] = [{ tokens: [], logProb: 0, finished: false }];
  for (let t = 0; t < opts.maxLen; t++) {
    const live = beams.filter((h) => !h.finished);
    if (live.length === 0) break;
    const rows = step(live);
    if (rows.length !== live.length) throw new Error(`beamSearch: step returned ${rows.length} rows for ${live.length} hypotheses`);
    let r = 0;
    const all = beams.map((h) => (h.finished ? [] : rows[r++])); // one row per hypothesis, in order
    beams = beamStep(beams, all, opts.beamWidth, opts);
  }
  return beams;
}

/** Log-probabilities (nats) of a softmax output row, with log 0 = −∞. */
function logOf(probs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) out[i] = probs[i] > 0 ? Math.log(probs[i]) : -Infinity;
  return out;
}

/**
 * The next-token log-probabilities of a language model (languageModel(): ids [batch, time] →
 * probabilities [batch, time, vocabSize], not the stateful generator) after each of `prefixes`
 * (equal lengths), reading at most the last `context` tokens.
 */
export function nextLogProbs(model: tf.LayersModel, prefixes: number[][], context = Infinity): Float64Array[] {
  if (prefixes.length === 0) return [];
  const len = prefixes[0].length;
  if (len === 0) throw new Error('nextLogProbs: the prefixes need at least one token (a prime)');
  if (prefixes.some((p) => p.length !== len)) throw new Error('nextLogProbs: the prefixes must have one length');
  const keep = Math.min(len, context);
  const probs = tf.tidy(() => {
    const x = tf.tensor2d(prefixes.map((p) => p.slice(len - keep)), [prefixes.length, keep], 'int32');
    const p = model.predict(x) as tf.Tensor; // [k, keep, vocabSize]
    if (p.rank !== 3) throw new Error(`nextLogProbs: the model returned shape [${p.shape}], expected [batch, time, vocabSize] (pass the trained model, not the generator)`);
    const V = p.shape[2] as number;
    return tf.reshape(tf.slice(p, [0, keep - 1, 0], [prefixes.length, 1, V]), [prefixes.length, V]).arraySync() as number[][];
  });
  return probs.map(logOf);
}

export interface BeamGenerateOptions extends Omit<BeamOptions, 'maxLen'> {
  /** Token ids to start from (at least one). */
  prime: ArrayLike<number>;
  /** Tokens to generate after the prime (the search's maxLen). */
  length: number;
  /** Read at most this many last tokens per step (default: all; a long prime and output cost time). */
  context?: number;
}

/**
 * Beam search continuation of `prime` by a trained language model (`languageModel`). Each step
 * runs the model over every live hypothesis' prefix; returns the final beam, best first.
 */
export function beamGenerate(model: tf.LayersModel, options: BeamGenerateOptions): Hypothesis[] {
  const prime = Array.from(options.prime ?? []);
  if (prime.length < 1) throw new Error('beamGenerate: the prime needs at least one token');
  return beamSearch((live) => nextLogProbs(model, live.map((h) => [...prime, ...h.tokens]), options.context), {
    ...options,
    maxLen: options.length,
  });
}

/**
 * log p(continuation | prime) under a trained language model, in nats, in one forward pass:
 * to compare continuations found by greedy decoding, sampling and beam search.
 */
export function continuationLogProb(model: tf.LayersModel, prime: ArrayLike<number>, continuation: ArrayLike<number>): number {
  const p = Array.from(prime);
  const c = Array.from(continuation);
  if (p.length < 1) throw new Error('continuationLogProb: the prime needs at least one token');
  if (c.length === 0) return 0;
  const ids = [...p, ...c];
  const picked = tf.tidy(() => {
    const x = tf.tensor2d([ids.slice(0, -1)], [1, ids.length - 1], 'int32');
    const probs = model.predict(x) as tf.Tensor3D; // [1, time, vocabSize]
    return probs.arraySync()[0].slice(p.length - 1).map((row, j) => row[c[j]]);
  });
  return picked.reduce((acc, q) => acc + Math.log(q), 0);
}
