/**
 * Step-by-step decoding of a `buildSeq2Seq` model: the encoder once, then one decoder step per
 * output symbol (theory 05, Section 3).
 *
 * `greedyDecode` can run any teacher-forced model T' times over the whole decoder input, reading
 * step j of pass j: that is T' encoder passes and T'·T' decoder steps. A model built by
 * `buildSeq2Seq` is run through its own layers instead, in the order the equations give:
 *   H, s_0 = encoder(source)                                   once  [n, T, h], [n, h] (LSTM: and c_0)
 *   s_j    = decoder step from s_{j-1} on the previous symbol   T' times, one step each
 *   p(y_j) = output(s_j)  or  output(tanh([s_j c_j] W_c)) with [c_j, α_j] = attention(s_j, H)
 * The same layers, weights and kernels compute the same values as the teacher-forced pass at step j
 * (tests/seq2seq/incremental.test.ts compares both paths on random models): 1 encoder pass and T'
 * decoder steps instead of T' and T'·T'.
 */
import * as tf from '@tensorflow/tfjs';

/** The layers `buildSeq2Seq` names, read by the step-by-step decoder. */
interface Seq2SeqLayers {
  srcEmbedding: tf.layers.Layer;
  encoder: tf.RNN;
  tgtEmbedding: tf.layers.Layer;
  decoder: tf.RNN;
  sourceMask: tf.layers.Layer | null;
  attention: tf.layers.Layer | null;
  stateAndContext: tf.layers.Layer | null;
  attentional: tf.layers.Layer | null;
  output: tf.layers.Layer;
}

/** Models built by `buildSeq2Seq` (model.ts registers them): only these are decoded step by step. */
const built = new WeakMap<tf.LayersModel, { attention: boolean; masked: boolean }>();

/** Record that `model` has `buildSeq2Seq`'s layout (called by `buildSeq2Seq`). */
export function registerSeq2Seq(model: tf.LayersModel, layout: { attention: boolean; masked: boolean }): void {
  built.set(model, layout);
}

function layersOf(model: tf.LayersModel): Seq2SeqLayers | null {
  const layout = built.get(model);
  if (!layout) return null;
  const get = (name: string) => model.getLayer(name);
  return {
    srcEmbedding: get('src_embedding'),
    encoder: get('encoder') as tf.RNN,
    tgtEmbedding: get('tgt_embedding'),
    decoder: get('decoder') as tf.RNN,
    sourceMask: layout.masked ? get('source_mask') : null,
    attention: layout.attention ? get('attention') : null,
    stateAndContext: layout.attention ? get('state_and_context') : null,
    attentional: layout.attention ? get('attentional') : null,
    output: get('output'),
  };
}

/** True when `model` can be decoded step by step (it was built by `buildSeq2Seq`). */
export function decodesStepwise(model: unknown): model is tf.LayersModel {
  return model instanceof tf.LayersModel && built.has(model);
}

/**
 * One decoder step on concrete tensors: the decoder layer, built to return its output sequence,
 * is asked for its final state(s) too for this call (an LSTM's cell state c is not in its output).
 */
function decoderStep(decoder: tf.RNN, x: tf.Tensor3D, states: tf.Tensor2D[]): tf.Tensor2D[] {
  const layer = decoder as unknown as { returnState: boolean };
  const returnState = layer.returnState;
  layer.returnState = true;
  try {
    const [, ...next] = decoder.apply([x, ...states]) as tf.Tensor[]; // [n, 1, h], then the state(s) [n, h]
    return next as tf.Tensor2D[];
  } finally {
    layer.returnState = returnState;
  }
}

/**
 * A `buildSeq2Seq` model's decoder run step by step: `step(previous ids)` returns the probabilities
 * [n, vocabSize] of the next symbol and advances the decoder's state. Call `dispose()` when done.
 */
export interface StepDecoder {
  step(previous: ArrayLike<number>): tf.Tensor2D;
  dispose(): void;
}

/** Encode `source` [n, srcLen] once and return the step decoder; null if `model` is not a `buildSeq2Seq` model. */
export function stepDecoder(model: tf.LayersModel, source: tf.Tensor2D): StepDecoder | null {
  const L = layersOf(model);
  if (L === null) return null;
  const n = source.shape[0];
  // the encoder, once: H [n, T, h] (attention only), the source mask [n, T] (masked attention only)
  // and the final state(s) that start the decoder [n, h]
  let stateCount = 0;
  const encoded = tf.tidy(() => {
    const [encSeq, ...finalStates] = L.encoder.apply(L.srcEmbedding.apply(source)) as tf.Tensor[];
    stateCount = finalStates.length; // h, or h and c
    const H = L.attention ? [encSeq] : [];
    const mask = L.sourceMask ? [L.sourceMask.apply(source) as tf.Tensor] : [];
    return [...finalStates, ...H, ...mask];
  });
  let states = encoded.slice(0, stateCount) as tf.Tensor2D[];
  const H = L.attention ? encoded[states.length] : null;
  const mask = L.sourceMask ? encoded[encoded.length - 1] : null;
  return {
    step(previous: ArrayLike<number>): tf.Tensor2D {
      if (previous.length !== n) throw new Error(`stepDecoder: ${previous.length} previous ids for ${n} sources`);
      const [probs, next] = tf.tidy(() => {
        const x = L.tgtEmbedding.apply(tf.tensor2d(Array.from(previous), [n, 1], 'int32')) as tf.Tensor3D; // [n, 1, e]
        const nextStates = decoderStep(L.decoder, x, states); // [n, h] each
        const s = tf.expandDims(nextStates[0], 1); // [n, 1, h]: the decoder's output at this step is its state h
        let features: tf.Tensor = s;
        if (L.attention && L.stateAndContext && L.attentional && H) {
          const [C] = L.attention.apply(mask ? [s, H, mask] : [s, H]) as tf.Tensor[]; // [n, 1, h]
          features = L.attentional.apply(L.stateAndContext.apply([s, C])) as tf.Tensor; // [n, 1, h]
        }
        const p = tf.squeeze(L.output.apply(features) as tf.Tensor, [1]) as tf.Tensor2D; // [n, vocabSize]
        return [p, nextStates] as [tf.Tensor2D, tf.Tensor2D[]];
      });
      tf.dispose(states);
      states = next;
      return probs;
    },
    dispose(): void {
      tf.dispose([...states, ...(H ? [H] : []), ...(mask ? [mask] : [])]);
      states = [];
    },
  };
}
