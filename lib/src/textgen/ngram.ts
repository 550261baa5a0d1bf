/**
 * Count-based n-gram language models: the baseline between the unigram (no context) and a
 * recurrent model (all the context it can keep). Theory 01, *Perplexity* and *n-gram baselines*.
 *
 * An n-gram model predicts token w from the n − 1 tokens before it, u = (w_{t-n+1} .. w_{t-1}),
 * from counts c(u, w) in the training text. Two smoothings, so that an unseen pair still gets a
 * probability above zero:
 *
 *   add-k:        p(w | u) = (c(u, w) + k) / (c(u) + k V)
 *   interpolated absolute discounting (a Kneser-Ney-lite, Ney et al. 1994), recursively:
 *                 p(w | u) = max(c(u, w) − D, 0) / c(u)  +  D N₁₊(u) / c(u) · p(w | u')
 *                 u' = u without its oldest token; N₁₊(u) = number of distinct tokens seen after u;
 *                 a context never seen (c(u) = 0) falls back to p(w | u') entirely;
 *                 the unigram at the bottom is add-one smoothed (as `unigramCrossEntropy`).
 *   c(u) = Σ_w c(u, w), the times u occurs followed by a token. Both sum to one over the vocabulary.
 *
 * Scores are in nats per token, the unit of the recurrent models' loss. The first n − 1 tokens of
 * the test text are predicted from the shorter context they have.
 */

export interface NGramConfig {
  /** n: 1 unigram, 2 bigram, 3 trigram (default 3). */
  order?: number;
  /** 'discount' (interpolated absolute discounting, default) or 'addK'. */
  smoothing?: 'discount' | 'addK';
  /** D in (0, 1] for 'discount' (default 0.75, the usual choice). */
  discount?: number;
  /** k > 0 for 'addK' (default 1: add-one, Laplace). */
  k?: number;
}

export class NGramModel {
  readonly order: number;
  readonly vocabSize: number;
  readonly smoothing: 'discount' | 'addK';
  readonly discount: number;
  readonly k: number;
  /** counts[m]: context of m tokens (key "a,b") → (next token → count), m = 0 .. order − 1. */
  private readonly counts: Map<string, Map<number, number>>[];
  /** totals[m]: context → c(u). */
  private readonly totals: Map<string, number>[];

  private constructor(vocabSize: number, config: NGramConfig) {
    this.order = config.order ?? 3;
    this.smoothing = config.smoothing ?? 'discount';
    this.discount = config.discount ?? 0.75;
    this.k = config.k ?? 1;
    this.vocabSize = vocabSize;
    if (!Number.isInteger(this.order) || this.order < 1) throw new Error(`NGramModel: order must be a positive integer, got ${this.order}`);
    if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`NGramModel: vocabSize must be a positive integer, got ${vocabSize}`);
    if (this.smoothing !== 'discount' && this.smoothing !== 'addK') throw new Error(`NGramModel: smoothing must be 'discount' or 'addK', got ${JSON.stringify(this.smoothing)}`);
    if (!(this.discount > 0 && this.discount <= 1)) throw new Error(`NGramModel: discount must be in (0, 1], got ${this.discount}`);
    if (!(this.k > 0)) throw new Error(`NGramModel: k must be positive, got ${this.k}`);
    this.counts = Array.from({ length: this.order }, () => new Map());
    this.totals = Array.from({ length: this.order }, () => new Map());
  }

  /** Count every m-gram (m = 1 .. order) of `ids`. */
  static fit(ids: ArrayLike<number>, vocabSize: number, config: NGramConfig = {}): NGramModel {
    const model = new NGramModel(vocabSize, config);
    for (let t = 0; t < ids.length; t++) {
      const w = ids[t];
      if (!(Number.isInteger(w) && w >= 0 && w < vocabSize)) throw new Error(`NGramModel.fit: ids[${t}] = ${w} is outside 0..${vocabSize - 1}`);
      for (let m = 0; m < model.order && m <= t; m++) {
        const key = contextKey(ids, t - m, t);
        let next = model.counts[m].get(key);
        if (!next) model.counts[m].set(key, (next = new Map()));
        next.set(w, (next.get(w) ?? 0) + 1);
        model.totals[m].set(key, (model.totals[m].get(key) ?? 0) + 1);
      }
    }
    return model;
  }

  /** p(w | context), using the last order − 1 tokens of `context` (fewer if it is shorter). */
  prob(w: number, context: ArrayLike<number> = []): number {
    const m = Math.min(this.order - 1, context.length);
    return this.probAt(w, context, context.length - m, context.length);
  }

  /** p(w | context[from..to)). */
  private probAt(w: number, ids: ArrayLike<number>, from: number, to: number): number {
    const m = to - from;
    const key = contextKey(ids, from, to);
    const total = this.totals[m].get(key) ?? 0;
    const c = this.counts[m].get(key)?.get(w) ?? 0;
    if (this.smoothing === 'addK') return (c + this.k) / (total + this.k * this.vocabSize);
    if (m === 0) return (c + 1) / (total + this.vocabSize); // add-one unigram at the bottom
    const lower = this.probAt(w, ids, from + 1, to);
    if (total === 0) return lower;
    const seen = this.counts[m].get(key)!.size; // N₁₊(u)
    return Math.max(c - this.discount, 0) / total + ((this.discount * seen) / total) * lower;
  }

  /** Mean −log p(w_t | previous tokens) over `ids`, in nats per token. */
  crossEntropy(ids: ArrayLike<number>): number {
    if (ids.length === 0) throw new Error('NGramModel.crossEntropy: the sequence is empty');
    let nll = 0;
    for (let t = 0; t < ids.length; t++) {
      const w = ids[t];
      if (!(Number.isInteger(w) && w >= 0 && w < this.vocabSize)) throw new Error(`NGramModel.crossEntropy: ids[${t}] = ${w} is outside 0..${this.vocabSize - 1}`);
      nll -= Math.log(this.probAt(w, ids, Math.max(0, t - this.order + 1), t));
    }
    return nll / ids.length;
  }

  /** Distinct contexts seen, per context length 0 .. order − 1 (how much the model stores). */
  contextsSeen(): number[] {
    return this.totals.map((t) => t.size);
  }
}

function contextKey(ids: ArrayLike<number>, from: number, to: number): string {
  let key = '';
  for (let i = from; i < to; i++) key += (i > from ? ',' : '') + ids[i];
  return key;
}

/** The share of `ids` equal to `unkId` (the unknown-word rate, to report next to a perplexity). */
export function unknownRate(ids: ArrayLike<number>, unkId: number): number {
  if (ids.length === 0) throw new Error('unknownRate: the sequence is empty');
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] === unkId) n++;
  return n / ids.length;
}
