/** SeqAttention: weights are distributions over input positions and equal a hand computation. */
import * as tf from '@tensorflow/tfjs';
import { SeqAttention, SourceMask, initBackend, additionTask, Seq2SeqCodec, encodePairs, disposeEncoded, buildSeq2Seq, disposeModel } from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

const S = [[[1, 0], [0, 2]]]; // [batch 1, T' 2, d 2]
const H = [[[1, 1], [2, 0], [0, -1]]]; // [batch 1, T 3, d 2]

function softmax(e: number[]): number[] {
  const m = Math.max(...e);
  const x = e.map((v) => Math.exp(v - m));
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
}
function context(a: number[], h: number[][]): number[] {
  return h[0].map((_, k) => a.reduce((acc, w, t) => acc + w * h[t][k], 0));
}

function run(layer: SeqAttention): { c: number[][]; a: number[][] } {
  return tf.tidy(() => {
    const [c, a] = layer.apply([tf.tensor3d(S), tf.tensor3d(H)]) as tf.Tensor[];
    return { c: (c.arraySync() as number[][][])[0], a: (a.arraySync() as number[][][])[0] };
  });
}

test.each([
  ['dot', 1],
  ['scaledDot', Math.SQRT2],
] as const)('%s attention equals the hand computation', (score, scale) => {
  const { c, a } = run(new SeqAttention({ score }));
  // e_{j,t} = s_j · h_t / scale: row 0: [1, 2, 0], row 1: [2, 0, -2]
  const e = [[1, 2, 0], [2, 0, -2]].map((row) => row.map((v) => v / scale));
  e.forEach((row, j) => {
    const alpha = softmax(row);
    alpha.forEach((w, t) => expect(a[j][t]).toBeCloseTo(w, 6));
    context(alpha, H[0]).forEach((v, k) => expect(c[j][k]).toBeCloseTo(v, 6));
  });
});

test('additive attention equals tanh(s W_a + h U_a) v_a by hand', () => {
  const layer = new SeqAttention({ score: 'additive', units: 2 });
  run(layer); // builds the weights
  const Wa = [[0.5, -1], [1, 0.25]];
  const Ua = [[1, 0], [-0.5, 2]];
  const va = [[1], [-2]];
  layer.setWeights([tf.tensor2d(Wa), tf.tensor2d(Ua), tf.tensor2d(va)]);
  const { c, a } = run(layer);
  const mul = (x: number[], M: number[][]) => M[0].map((_, k) => x.reduce((acc, v, i) => acc + v * M[i][k], 0));
  S[0].forEach((s, j) => {
    const e = H[0].map((h) => {
      const u = mul(s, Wa).map((v, k) => Math.tanh(v + mul(h, Ua)[k]));
      return u[0] * va[0][0] + u[1] * va[1][0];
    });
    const alpha = softmax(e);
    alpha.forEach((w, t) => expect(a[j][t]).toBeCloseTo(w, 5));
    context(alpha, H[0]).forEach((v, k) => expect(c[j][k]).toBeCloseTo(v, 5));
  });
});

test.each(['dot', 'scaledDot', 'additive'] as const)('%s: weights are non-negative and each row sums to one, also for large scores', (score) => {
  const layer = new SeqAttention({ score, units: 3 });
  tf.tidy(() => {
    const s = tf.mul(tf.randomNormal([4, 5, 6], 0, 1, 'float32', 1), 30) as tf.Tensor3D;
    const h = tf.mul(tf.randomNormal([4, 7, 6], 0, 1, 'float32', 2), 30) as tf.Tensor3D;
    const [c, a] = layer.apply([s, h]) as tf.Tensor[];
    expect(c.shape).toEqual([4, 5, 6]);
    expect(a.shape).toEqual([4, 5, 7]);
    expect(tf.min(a).dataSync()[0]).toBeGreaterThanOrEqual(0);
    for (const v of tf.sum(a, -1).dataSync()) expect(v).toBeCloseTo(1, 5);
  });
});

test('serialization: the layer round-trips through its config and is registered', () => {
  const layer = new SeqAttention({ score: 'additive', units: 5, seed: 3, name: 'att' });
  const cfg = layer.getConfig();
  expect(cfg).toMatchObject({ score: 'additive', units: 5, seed: 3, name: 'att' });
  const back = tf.serialization.SerializationMap.getMap().classNameMap.SeqAttention;
  expect(back).toBeDefined();
  const again = SeqAttention.fromConfig(SeqAttention, cfg) as SeqAttention;
  expect(again.score).toBe('additive');
  expect(again.units).toBe(5);
});

test('dot scores with different sizes: a clear error', () => {
  const layer = new SeqAttention({ score: 'dot' });
  expect(() => layer.apply([tf.input({ shape: [2, 3] }), tf.input({ shape: [4, 5] })])).toThrow(/one size, got 3 and 5 \(use score 'additive'\)/);
});

test('gradients flow to the queries, the keys and the additive weights', () => {
  const layer = new SeqAttention({ score: 'additive', units: 3 });
  const s = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 5);
  const h = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 6);
  layer.apply([s, h]);
  const f = (q: tf.Tensor, k: tf.Tensor) => tf.sum(tf.square((layer.apply([q, k]) as tf.Tensor[])[0])) as tf.Scalar;
  const [dq, dk] = tf.grads(f)([s, h]);
  expect(tf.norm(dq).dataSync()[0]).toBeGreaterThan(0);
  expect(tf.norm(dk).dataSync()[0]).toBeGreaterThan(0);
  const { grads } = tf.variableGrads(() => f(s, h), layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
  expect(Object.keys(grads)).toHaveLength(3);
  tf.dispose([s, h, dq, dk, ...Object.values(grads)]);
});

describe.each(['dot', 'scaledDot', 'additive'] as const)('%s attention with a key mask', (score) => {
  // batch 2: row 0 has 3 real positions of 5, row 1 has 5 (no padding); queries T' = 2, d = 3
  const lengths = [3, 5];
  const mask = () => tf.tensor2d(lengths.map((n) => [0, 1, 2, 3, 4].map((t) => (t < n ? 1 : 0))));
  const sOf = () => tf.randomNormal([2, 2, 3], 0, 1, 'float32', 11);
  const hOf = () => tf.randomNormal([2, 5, 3], 0, 1, 'float32', 12);
  const make = () => {
    const layer = new SeqAttention({ score, units: 4, seed: 3 });
    layer.apply([sOf(), hOf()]); // builds the weights
    return layer;
  };

  test('padded positions get exactly zero weight; real positions get the weights of the unpadded keys', () => {
    const layer = make();
    tf.tidy(() => {
      const [c, a] = layer.apply([sOf(), hOf(), mask()]) as tf.Tensor[];
      const A = a.arraySync() as number[][][];
      const C = c.arraySync() as number[][][];
      lengths.forEach((n, b) => {
        const s = tf.slice(sOf(), [b, 0, 0], [1, 2, 3]);
        const h = tf.slice(hOf(), [b, 0, 0], [1, n, 3]); // the keys without their padding
        const [cRef, aRef] = (layer.apply([s, h]) as tf.Tensor[]).map((x) => (x.arraySync() as number[][][])[0]);
        for (let j = 0; j < 2; j++) {
          for (let t = 0; t < 5; t++) {
            if (t < n) expect(A[b][j][t]).toBeCloseTo(aRef[j][t], 6);
            else expect(A[b][j][t]).toBe(0);
          }
          C[b][j].forEach((v, k) => expect(v).toBeCloseTo(cRef[j][k], 5));
        }
      });
    });
  });

  test('no gradient reaches padded encoder states; real ones get the gradient of the unpadded computation', () => {
    const layer = make();
    const f = (s: tf.Tensor, h: tf.Tensor, m?: tf.Tensor) =>
      tf.sum(tf.mul((layer.apply(m ? [s, h, m] : [s, h]) as tf.Tensor[])[0], tf.range(1, 1 + s.shape[1]! * 3).reshape([1, -1, 3]))) as tf.Scalar;
    const [, dh] = tf.grads((s: tf.Tensor, h: tf.Tensor) => f(s, h, mask()))([sOf(), hOf()]);
    const D = dh.arraySync() as number[][][];
    lengths.forEach((n, b) => {
      const s = tf.slice(sOf(), [b, 0, 0], [1, 2, 3]);
      const h = tf.slice(hOf(), [b, 0, 0], [1, n, 3]);
      const ref = (tf.grads((q: tf.Tensor, k: tf.Tensor) => f(q, k))([s, h])[1].arraySync() as number[][][])[0];
      for (let t = 0; t < 5; t++) {
        for (let k = 0; k < 3; k++) {
          if (t < n) expect(D[b][t][k]).toBeCloseTo(ref[t][k], 4);
          else expect(D[b][t][k]).toBe(0);
        }
      }
    });
  });

  test('a row whose every position is padding gets zero weights and a zero context', () => {
    const layer = make();
    tf.tidy(() => {
      const [c, a] = layer.apply([sOf(), hOf(), tf.zeros([2, 5])]) as tf.Tensor[];
      expect(tf.max(tf.abs(a)).dataSync()[0]).toBe(0);
      expect(tf.max(tf.abs(c)).dataSync()[0]).toBe(0);
    });
  });
});

test('a key mask of the wrong length is refused with both lengths', () => {
  const layer = new SeqAttention({ score: 'dot' });
  expect(() => layer.apply([tf.input({ shape: [2, 3] }), tf.input({ shape: [4, 3] }), tf.input({ shape: [5] })])).toThrow(/key mask must be \[batch, T\] with T = 4.*got \[null,5\]/);
});

test('buildSeq2Seq with sourcePadId: no weight on padded source positions, and the mask layer round-trips its config', () => {
  const task = additionTask({ trainSize: 12, testSize: 0, seed: 2 });
  const codec = Seq2SeqCodec.fromTask(task);
  const pad = codec.encode(' ')[0];
  const e = encodePairs(codec, task.train);
  for (const attention of ['dot', 'additive'] as const) {
    const s2s = buildSeq2Seq({ vocabSize: codec.vocabSize, srcLen: task.srcLen, tgtLen: task.tgtLen, attention, sourcePadId: pad, hiddenSize: 6, embeddingDim: 4 });
    const A = tf.tidy(() => s2s.attentionModel!.predict([e.source, e.decoderInput]) as tf.Tensor).arraySync() as number[][][];
    const src = e.source.arraySync();
    let padded = 0;
    src.forEach((row, b) => row.forEach((id, t) => {
      for (const weights of A[b]) {
        if (id === pad) { expect(weights[t]).toBe(0); padded++; } else expect(weights[t]).toBeGreaterThan(0);
      }
    }));
    expect(padded).toBeGreaterThan(0); // the fixture does contain padding
    const layer = s2s.model.getLayer('source_mask') as SourceMask;
    expect(SourceMask.fromConfig(SourceMask, layer.getConfig())).toMatchObject({ padId: pad });
    disposeModel(s2s);
  }
  disposeEncoded(e);
});
