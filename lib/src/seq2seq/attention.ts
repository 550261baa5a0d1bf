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
 * `apply([S, H])` returns `[C, A]`. No masking: the course's tasks pad with a character the model
 * learns to ignore (a padded position would need its score set to −∞ before the softmax).
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
    this.score = args.score ?? 'dot';
    if (!['dot', 'scaledDot', 'additive'].includes(this.score)) {
      throw new Error(`SeqAttention: score must be 'dot', 'scaledDot' or 'additive', got '${this.score}'`);
    }
    this.units = args.units ?? 32;
    this.seed = args.seed ?? 42;
  }

  private shapes(inputShape: tf.Shape | tf.Shape[]): [tf.Shape, tf.Shape] {
    if (!Array.isArray(inputShape[0]) || inputShape.length !== 2) {
      throw new Error('SeqAttention: expects two inputs [decoder states [batch, T\', dq], encoder states [batch, T, dk]]');
    }
    const [q, k] = inputShape as tf.Shape[];
    if (q.length !== 3 || k.length !== 3) {
      throw new Error(`SeqAttention: both inputs must be [batch, time, features], got [${q}] and [${k}]`);
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

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor[] {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('SeqAttention: call with [decoder states, encoder states]');
      const s = inputs[0] as tf.Tensor3D;
      const h = inputs[1] as tf.Tensor3D;
      const weights = tf.softmax(this.scores(s, h)) as tf.Tensor3D; // [batch, T', T], rows sum to 1
      const context = tf.matMul(weights, h); // [batch, T', dk]
      return [context, weights];
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), score: this.score, units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(SeqAttention);

/** An attention layer: `seqAttention({ score: 'dot' }).apply([decoderStates, encoderStates])` → `[context, weights]`. */
export function seqAttention(args: SeqAttentionArgs = {}): SeqAttention {
  return new SeqAttention(args);
}
