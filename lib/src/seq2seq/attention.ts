/**
 * `SeqAttention`: attention of decoder states over encoder states, as a tf.layers layer that
 * returns both the context vectors and the alignment weights (for heatmaps).
 *
 * Theory 05, Section 4, in matrix form with a batch dimension in front. Queries S are the decoder
 * states `[batch, T', dq]`, keys (= values) H the encoder states `[batch, T, dk]`:
 *   dot:        E = S Hᵀ                        [batch, T', T]   (needs dq = dk; Luong et al. 2015)
 *   scaledDot:  E = S Hᵀ / sqrt(dk)
 *   additive:   E[j, t] = tanh(s_j W_a + h_t U_a) v_a               (Bahdanau et al. 2015 scoring,
 *               W_a [dq, units], U_a [dk, units], v_a [units, 1]  applied to the current state s_j)
 *   A = softmax over t (each row sums to one)    [batch, T', T]   alignment weights α_{j,t}
 *   C = A H                                      [batch, T', dk]  contexts c_j = Σ_t α_{j,t} h_t
 * `apply([S, H])` returns `[C, A]`.
 *
 * Masking (theory 05, Section 4, *Masking padded positions*): `apply([S, H, M])` with a key mask M
 * `[batch, T]` (1 for a real source position, 0 for padding) gives padded positions zero weight:
 *   E[j, t] = −∞ where M[t] = 0   (in practice E − 1e9: exp underflows to exactly 0),
 *   A = softmax over t, then A ⊙ M (a row whose every position is padding gets all zeros, not 1/T).
 * So padding changes neither the weights of the real positions nor the contexts, and no gradient
 * reaches the padded encoder states through attention. A mask propagated by tf.layers (an embedding
 * with `maskZero`) is used the same way when no M is given. `sourceMask` builds M from source ids.
 */
import * as tf from '@tensorflow/tfjs';

export type AttentionScore = 'dot' | 'scaledDot' | 'additive';

export interface SeqAttentionArgs {
  /** Scoring function (default 'dot'). */
  score?: AttentionScore;
  /** Width d_a of the additive scorer (default 32; unused by the dot scores). */
  units?: number;
  /** Seed of the additive scorer's initial weights (default 42). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

type Kwargs = { [key: string]: unknown };

export class SeqAttention extends tf.layers.Layer {
  static className = 'SeqAttention';
  readonly score: AttentionScore;
  readonly units: number;
  readonly seed: number;
  private Wa: tf.LayerVariable | null = null;
  private Ua: tf.LayerVariable | null = null;
  private va: tf.LayerVariable | null = null;

  constructor(args: SeqAttentionArgs = {}) {
    super({ name: args.name, trainable: args.trainable });
    this.supportsMasking = true;
    this.score = args.score ?? 'dot';
    if (!['dot', 'scaledDot', 'additive'].includes(this.score)) {
      throw new Error(`SeqAttention: score must be 'dot', 'scaledDot' or 'additive', got '${this.score}'`);
    }
    this.units = args.units ?? 32;
    this.seed = args.seed ?? 42;
  }

  private shapes(inputShape: tf.Shape | tf.Shape[]): [tf.Shape, tf.Shape] {
    if (!Array.isArray(inputShape[0]) || (inputShape.length !== 2 && inputShape.length !== 3)) {
      throw new Error('SeqAttention: expects two or three inputs [decoder states [batch, T\', dq], encoder states [batch, T, dk], optional key mask [batch, T]]');
    }
    const [q, k, m] = inputShape as tf.Shape[];
    if (q.length !== 3 || k.length !== 3) {
      throw new Error(`SeqAttention: both inputs must be [batch, time, features], got [${q}] and [${k}]`);
    }
    if (m && (m.length !== 2 || (m[1] !== null && k[1] !== null && m[1] !== k[1]))) {
      throw new Error(`SeqAttention: the key mask must be [batch, T] with T = ${k[1]} (one entry per encoder state), got ${JSON.stringify(m)}`);
    }
    return [q, k];
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const [q, k] = this.shapes(inputShape);
    const dq = q[2] as number;
    const dk = k[2] as number;
    if (this.score !== 'additive' && dq !== dk) {
      throw new Error(`SeqAttention: '${this.score}' scores need decoder and encoder states of one size, got ${dq} and ${dk} (use score 'additive')`);
    }
    if (this.score === 'additive') {
      const init = (s: number) => tf.initializers.glorotUniform({ seed: this.seed + s });
      this.Wa = this.addWeight('W_a', [dq, this.units], 'float32', init(0));
      this.Ua = this.addWeight('U_a', [dk, this.units], 'float32', init(1));
      this.va = this.addWeight('v_a', [this.units, 1], 'float32', init(2));
    }
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const [q, k] = this.shapes(inputShape);
    return [
      [q[0], q[1], k[2]],
      [q[0], q[1], k[1]],
    ];
  }

  computeMask(): tf.Tensor[] {
    return [null, null] as unknown as tf.Tensor[]; // no mask on either output
  }

  /** Scores E `[batch, T', T]` of queries `s` `[batch, T', dq]` against keys `h` `[batch, T, dk]`. */
  scores(s: tf.Tensor3D, h: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      if (this.score === 'dot') return tf.matMul(s, h, false, true);
      if (this.score === 'scaledDot') return tf.div(tf.matMul(s, h, false, true), Math.sqrt(h.shape[2]));
      const [batch, tq, dq] = s.shape;
      const [, tk, dk] = h.shape;
      const a = this.units;
      const sW = tf.reshape(tf.matMul(tf.reshape(s, [batch * tq, dq]), this.Wa!.read() as tf.Tensor2D), [batch, tq, 1, a]);
      const hU = tf.reshape(tf.matMul(tf.reshape(h, [batch * tk, dk]), this.Ua!.read() as tf.Tensor2D), [batch, 1, tk, a]);
      const t = tf.tanh(tf.add(sW, hU)); // [batch, T', T, a]
      return tf.reshape(tf.matMul(tf.reshape(t, [batch * tq * tk, a]), this.va!.read() as tf.Tensor2D), [batch, tq, tk]);
    });
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor[] {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || (inputs.length !== 2 && inputs.length !== 3)) {
        throw new Error('SeqAttention: call with [decoder states, encoder states] or [decoder states, encoder states, key mask]');
      }
      const s = inputs[0] as tf.Tensor3D;
      const h = inputs[1] as tf.Tensor3D;
      const propagated = Array.isArray(kwargs?.mask) ? (kwargs.mask as (tf.Tensor | null)[])[1] : null;
      const mask = (inputs[2] ?? propagated ?? null) as tf.Tensor | null; // [batch, T], 1 = real, 0 = padding
      let scores = this.scores(s, h); // [batch, T', T]
      let m3: tf.Tensor | null = null;
      if (mask) {
        m3 = tf.expandDims(tf.cast(mask, 'float32'), 1); // [batch, 1, T]
        scores = tf.add(scores, tf.mul(tf.sub(1, m3), -1e9)) as tf.Tensor3D; // −∞ at padded positions
      }
      let weights = tf.softmax(scores) as tf.Tensor3D; // [batch, T', T], rows sum to 1
      if (m3) weights = tf.mul(weights, m3) as tf.Tensor3D; // exact zeros, also for all-padding rows
      const context = tf.matMul(weights, h); // [batch, T', dk]
      return [context, weights];
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), score: this.score, units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(SeqAttention);

/**
 * The key mask of a batch of source ids: 1 where the id is a real symbol, 0 where it is `padId`
 * (`[batch, T]` ids → `[batch, T]` float32). A registered layer, so models that use it save and load.
 */
export class SourceMask extends tf.layers.Layer {
  static className = 'SourceMask';
  readonly padId: number;

  constructor(args: { padId: number; name?: string }) {
    super({ name: args.name, trainable: false });
    if (!Number.isInteger(args.padId) || args.padId < 0) throw new Error(`SourceMask: padId must be a non-negative integer id, got ${args.padId}`);
    this.padId = args.padId;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.cast(tf.notEqual(ids, tf.scalar(this.padId, ids.dtype)), 'float32');
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padId: this.padId };
  }
}
tf.serialization.registerClass(SourceMask);

/** `sourceMask({ padId }).apply(sourceIds)` → key mask `[batch, T]` (1 real, 0 padding) for `SeqAttention`. */
export function sourceMask(args: { padId: number; name?: string }): SourceMask {
  return new SourceMask(args);
}

/** An attention layer: `seqAttention({ score: 'dot' }).apply([decoderStates, encoderStates])` → `[context, weights]`. */
export function seqAttention(args: SeqAttentionArgs = {}): SeqAttention {
  return new SeqAttention(args);
}
