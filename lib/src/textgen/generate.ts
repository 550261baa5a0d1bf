/**
 * Text generation from a trained language model (see model.ts), one token at a time.
 *
 * A stateful copy of the model (batch 1, one token per call) keeps h (and c) between calls,
 * so each new token costs one step, not a pass over everything generated so far. The prime
 * text is read first; then each step samples the next token from p(· | tokens so far):
 * greedy (the most likely token), with a temperature τ (p_i ∝ p_i^(1/τ)), and/or among the
 * top k only (`sampleNext` from the from-scratch library does the sampling).
 */
import * as tf from '@tensorflow/tfjs';
import { checkLogits, sampleNext } from '../scratch/charlm';
import { checkIds } from '../options';
import { seededRng } from '../scratch/init';
import { languageModel, LmConfig } from './model';

export interface GenerateOptions {
  /** Token ids to start from (at least one). */
  prime: ArrayLike<number>;
  /** Tokens to generate after the prime. */
  length: number;
  /** 'greedy' picks the most likely token; 'sample' draws from the (tempered, top-k) distribution. Default 'sample'. */
  strategy?: 'greedy' | 'sample';
  /** Temperature τ > 0: below 1 sharper, above 1 flatter. Default 1. */
  temperature?: number;
  /** Sample among the k most likely tokens only. Default: all. */
  topK?: number;
  /** Seed of the sampling. Default 1. */
  seed?: number;
  /**
   * Token ids never generated, e.g. `[Vocabulary.oovId]` so that a word model writes no `<unk>`:
   * their probability is set to 0 and the rest renormalised (sampling from p(· | not excluded)).
   */
  exclude?: number[];
}

/** A stateful, one-token-per-call copy of a trained language model (same config, same weights). */
export function generatorFor(trained: tf.LayersModel, config: LmConfig): tf.LayersModel {
  const g = languageModel({ ...config, stateful: true, dropout: 0 });
  const weights = trained.getWeights();
  if (weights.length !== g.getWeights().length) {
    throw new Error(`generatorFor: the trained model has ${weights.length} weight tensors, the config builds ${g.getWeights().length}: pass the config the model was built with`);
  }
  g.setWeights(weights);
  return g;
}

/** Generate `length` token ids after the prime (returned without the prime). */
export function generate(generator: tf.LayersModel, options: GenerateOptions): number[] {
  const { prime, length } = options ?? ({} as GenerateOptions);
  if (!prime || prime.length < 1) throw new Error('generate: the prime needs at least one token');
  const vocabSize = generator.outputs[0].shape[generator.outputs[0].shape.length - 1] ?? undefined;
  checkIds('generate', 'prime', prime, vocabSize);
  if (options.strategy !== undefined && options.strategy !== 'greedy' && options.strategy !== 'sample') {
    throw new Error(`generate: strategy must be 'greedy' or 'sample', got ${JSON.stringify(options.strategy)}`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new Error(`generate: seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(length) || length < 0) throw new Error(`generate: length must be a non-negative integer, got ${length}`);
  const temperature = options.temperature ?? 1;
  if (!(Number.isFinite(temperature) && temperature > 0)) throw new Error(`generate: temperature must be a finite number > 0, got ${temperature}`);
  const random = seededRng(options.seed ?? 1);
  const excluded = new Set(options.exclude ?? []);
  generator.resetStates();
  const step = (id: number): Float32Array =>
    tf.tidy(() => (generator.predict(tf.tensor2d([[id]], [1, 1], 'int32')) as tf.Tensor).dataSync() as Float32Array);
  let probs = new Float32Array(0);
  for (let i = 0; i < prime.length; i++) probs = step(prime[i]);
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    let next: number;
    // NaN or infinite probabilities come from broken weights: an error, not a repeated token.
    checkLogits(`generate (step ${i + 1})`, probs);
    if (excluded.size >= probs.length) throw new Error(`generate: every one of the ${probs.length} tokens is excluded`);
    if (options.strategy === 'greedy') {
      next = -1;
      for (let j = 0; j < probs.length; j++) if (!excluded.has(j) && (next < 0 || probs[j] > probs[next])) next = j;
    } else {
      const logits = Array.from(probs, (p, j) => (excluded.has(j) ? -Infinity : Math.log(Math.max(p, 1e-30))));
      next = sampleNext(logits, { temperature, topK: options.topK, random });
    }
    out.push(next);
    probs = step(next);
  }
  return out;
}
