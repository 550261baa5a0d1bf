/** SeqAttention: weights are distributions over input positions and equal a hand computation. */
import * as tf from '@tensorflow/tfjs';
import { SeqAttention, initBackend } from 'seqmodels';

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
