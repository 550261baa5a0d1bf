/**
 * `fastGru({ resetAfter: true })`: the cuDNN/PyTorch GRU (reset after the recurrent matmul, second
 * bias bʰ). tf.layers has no such layer, so it is checked against three references:
 * - the from-scratch reset-after GRU (src/scratch/gru.ts, Float64): outputs and every gradient;
 * - PyTorch's formulas (nn.GRU documentation, gate order r, z, n, column vectors), written here
 *   independently of the library, on PyTorch-layout weights converted with `fromPyTorchLayout`,
 *   and the hand-computed 1-unit step of tests/scratch/conventions.test.ts;
 * - a step-by-step tfjs-ops GRU differentiated by tfjs' autodiff, for what the scratch cell does
 *   not have (hard-sigmoid gates, recurrent dropout, masks, goBackwards).
 * Then: weights and their order, saving and loading, no bias, and both engine settings.
 */
import * as tf from '@tensorflow/tfjs';
import {
  CellConfig, Mat, PyTorchParams, backwardSequence, forwardSequence, fromPyTorchLayout, fastGru, initBackend,
  matFrom, seededRng, setSequenceEngine,
} from 'seqmodels/internals';
import { maxAbsDiff } from './helpers';

const B = 3, T = 5, IN = 4, H = 3;

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});
afterEach(() => tf.disposeVariables());

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** Tensor → Mat (Float64) and back. */
const toMat = (t: tf.Tensor): Mat => matFrom(t.arraySync() as number[][], Float64Array);

function built(args: Record<string, unknown> = {}) {
  const layer = fastGru({ units: H, resetAfter: true, returnSequences: true, biasInitializer: 'randomNormal', ...args } as never);
  layer.apply(tf.zeros([B, T, IN]));
  return layer;
}

describe.each(['simd', 'tf'] as const)('engine setting %s', (engine) => {
  beforeAll(() => setSequenceEngine(engine));
  afterAll(() => setSequenceEngine('auto'));

  test('equals the from-scratch reset-after GRU: outputs and gradients w.r.t. x, h0, W, U, b, bʰ', () => {
    const layer = built();
    const [W, U, b, bh] = layer.getWeights();
    const x = tf.randomNormal([B, T, IN], 0, 1, 'float32', 21);
    const h0 = tf.randomNormal([B, H], 0, 0.5, 'float32', 22);
    const R = tf.randomNormal([B, T, H], 0, 1, 'float32', 23);
    // Fast layer, and the gradients of L = Σ ⟨h_t, R_t⟩ by tfjs.
    const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
    const xv = tf.variable(x), h0v = tf.variable(h0);
    const run = () => layer.apply(xv, { initialState: [h0v] }) as tf.Tensor;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(run(), R)) as tf.Scalar, [...vars, xv, h0v]);
    // From scratch, Float64.
    const cfg: CellConfig = { cell: 'gru', inputSize: IN, hiddenSize: H, resetAfter: true };
    const params = {
      kernel: toMat(W), recurrentKernel: toMat(U),
      bias: Float64Array.from(b.dataSync()), recurrentBias: Float64Array.from(bh.dataSync()),
    };
    const xs = Array.from({ length: T }, (_, t) => toMat(tf.squeeze(tf.slice(x, [0, t, 0], [B, 1, IN]), [1])));
    const fwd = forwardSequence(cfg, params, xs, { h: toMat(h0) });
    const Rs = Array.from({ length: T }, (_, t) => toMat(tf.squeeze(tf.slice(R, [0, t, 0], [B, 1, H]), [1])));
    const back = backwardSequence(fwd, Rs);
    const y = run().arraySync() as number[][][];
    let worst = 0;
    for (let t = 0; t < T; t++) for (let i = 0; i < B; i++) for (let j = 0; j < H; j++) {
      worst = Math.max(worst, Math.abs(y[i][t][j] - fwd.hs[t].data[i * H + j]));
    }
    expect(worst).toBeLessThan(1e-5);
    const close = (ours: tf.Tensor, ref: ArrayLike<number>, what: string) => {
      const d = ours.dataSync();
      expect(d.length).toBe(ref.length);
      let m = 0;
      for (let i = 0; i < d.length; i++) m = Math.max(m, Math.abs(d[i] - ref[i]));
      if (!(m < 1e-4)) throw new Error(`${what}: max |fast − scratch| = ${m}`);
    };
    close(grads[vars[0].name], back.grads.kernel.data, 'dW');
    close(grads[vars[1].name], back.grads.recurrentKernel.data, 'dU');
    close(grads[vars[2].name], back.grads.bias, 'db');
    close(grads[vars[3].name], back.grads.recurrentBias!, 'dbʰ');
    close(grads[h0v.name], back.dh0.data, 'dh0');
    const dxTm = tf.transpose(grads[xv.name], [1, 0, 2]); // [T, B, IN], as the scratch dxs
    close(dxTm, back.dxs!.flatMap((m) => Array.from(m.data)), 'dx');
    expect(value.dataSync()[0]).not.toBeNaN();
  });
});

/** PyTorch's nn.GRU step in column-vector form, from its documentation (gate order r, z, n). */
function torchGru(p: PyTorchParams, xs: number[][], h0: number[]): number[][] {
  const Hn = h0.length, In = xs[0].length;
  const row = (m: Mat, i: number, v: number[]) => v.reduce((s, vj, j) => s + m.data[i * v.length + j] * vj, 0);
  let h = h0.slice();
  const out: number[][] = [];
  for (const x of xs) {
    const gi = (g: number, j: number) => row(p.weight_ih, g * Hn + j, x) + p.bias_ih[g * Hn + j];
    const gh = (g: number, j: number) => row(p.weight_hh, g * Hn + j, h) + p.bias_hh[g * Hn + j];
    const next = h.map((hj, j) => {
      const r = sig(gi(0, j) + gh(0, j));
      const z = sig(gi(1, j) + gh(1, j));
      const n = Math.tanh(gi(2, j) + r * gh(2, j));
      return (1 - z) * n + z * hj;
    });
    expect(In).toBe(x.length);
    h = next;
    out.push(h);
  }
  return out;
}

test('PyTorch weights loaded into fastGru give PyTorch’s outputs (formulas of nn.GRU)', () => {
  const rng = seededRng(31);
  const rand = (n: number) => Array.from({ length: n }, () => (rng() - 0.5) * 1.2);
  const m = (rows: number, cols: number) => matFrom(Array.from({ length: rows }, () => rand(cols)), Float64Array);
  const pt: PyTorchParams = { weight_ih: m(3 * H, IN), weight_hh: m(3 * H, H), bias_ih: Float64Array.from(rand(3 * H)), bias_hh: Float64Array.from(rand(3 * H)) };
  const ours = fromPyTorchLayout({ cell: 'gru', inputSize: IN, hiddenSize: H, resetAfter: true }, pt);
  const layer = built();
  layer.setWeights([
    tf.tensor2d(Array.from(ours.kernel.data), [IN, 3 * H]), tf.tensor2d(Array.from(ours.recurrentKernel.data), [H, 3 * H]),
    tf.tensor1d(Array.from(ours.bias)), tf.tensor1d(Array.from(ours.recurrentBias!)),
  ]);
  const xs = Array.from({ length: T }, () => rand(IN));
  const h0 = rand(H);
  const ref = torchGru(pt, xs, h0);
  const y = (layer.apply(tf.tensor3d([xs]), { initialState: [tf.tensor2d([h0])] }) as tf.Tensor).arraySync() as number[][][];
  let worst = 0;
  for (let t = 0; t < T; t++) for (let j = 0; j < H; j++) worst = Math.max(worst, Math.abs(y[0][t][j] - ref[t][j]));
  expect(worst).toBeLessThan(1e-5);
  // The reset-before GRU on the same weights (bʰ folded into b) gives another answer.
  const before = fastGru({ units: H, returnSequences: true });
  before.apply(tf.zeros([1, T, IN]));
  before.setWeights([layer.getWeights()[0], layer.getWeights()[1], tf.add(layer.getWeights()[2], layer.getWeights()[3])]);
  const yb = before.apply(tf.tensor3d([xs]), { initialState: [tf.tensor2d([h0])] }) as tf.Tensor;
  expect(maxAbsDiff(yb, tf.tensor3d(y))).toBeGreaterThan(1e-3);
});

test('the hand-computed PyTorch step of the conventions test (1 input, 1 unit)', () => {
  const x = 0.7, h = -0.4;
  const W = { r: 0.3, z: -0.5, n: 0.9 }, Uh = { r: -0.2, z: 0.6, n: 1.1 };
  const bi = { r: 0.1, z: -0.05, n: 0.2 }, bh = { r: -0.3, z: 0.15, n: 0.4 };
  const r = sig(W.r * x + bi.r + Uh.r * h + bh.r);
  const z = sig(W.z * x + bi.z + Uh.z * h + bh.z);
  const n = Math.tanh(W.n * x + bi.n + r * (Uh.n * h + bh.n));
  const expected = (1 - z) * n + z * h;
  const layer = fastGru({ units: 1, resetAfter: true });
  layer.apply(tf.zeros([1, 1, 1]));
  layer.setWeights([tf.tensor2d([[W.z, W.r, W.n]]), tf.tensor2d([[Uh.z, Uh.r, Uh.n]]), tf.tensor1d([bi.z, bi.r, bi.n]), tf.tensor1d([bh.z, bh.r, bh.n])]);
  const y = (layer.apply(tf.tensor3d([[[x]]]), { initialState: [tf.tensor2d([[h]])] }) as tf.Tensor).dataSync()[0];
  expect(Math.abs(y - expected)).toBeLessThan(1e-6);
});

/** Reset-after GRU stepped with tfjs ops (autodiff reference); `m` = recurrent dropout mask. */
function stepwise(x: tf.Tensor3D, h0: tf.Tensor2D, w: tf.Tensor[], opts: { hard: boolean; m: tf.Tensor2D | null; mask: number[][] | null; back: boolean }) {
  const [W, U, b, bh] = w;
  const act = (v: tf.Tensor) => (opts.hard ? tf.clipByValue(tf.add(tf.mul(v, 0.2), 0.5), 0, 1) : tf.sigmoid(v));
  let h = h0 as tf.Tensor;
  const outs: tf.Tensor[] = [];
  for (let k = 0; k < T; k++) {
    const t = opts.back ? T - 1 - k : k;
    const xt = tf.squeeze(tf.slice(x, [0, t, 0], [B, 1, IN]), [1]);
    const hIn = opts.m ? tf.mul(h, opts.m) : h;
    const a = tf.add(tf.matMul(xt, W), b);
    const u = tf.add(tf.matMul(hIn, U), bh);
    const [az, ar, ah] = tf.split(a, 3, 1);
    const [uz, ur, uh] = tf.split(u, 3, 1);
    const z = act(tf.add(az, uz)), r = act(tf.add(ar, ur));
    const hTilde = tf.tanh(tf.add(ah, tf.mul(r, uh)));
    const hNew = tf.add(tf.mul(z, hIn), tf.mul(tf.sub(1, z), hTilde));
    if (opts.mask) {
      const mt = tf.tensor2d(opts.mask.map((row) => [row[t]]));
      h = tf.add(tf.mul(mt, hNew), tf.mul(tf.sub(1, mt), h));
    } else h = hNew;
    outs.push(h);
  }
  return tf.stack(outs, 1);
}

test.each([
  ['hard sigmoid', { hard: true, drop: false, mask: false, back: false }],
  ['recurrent dropout', { hard: false, drop: true, mask: false, back: false }],
  ['masked steps, goBackwards, hard sigmoid, recurrent dropout', { hard: true, drop: true, mask: true, back: true }],
])('%s: outputs and gradients equal a step-by-step tfjs GRU', (_name, o) => {
  const rate = 0.4;
  const fixed = (ones: tf.Tensor) => tf.mul(tf.cast(tf.greater(tf.randomUniform(ones.shape, 0, 1, 'float32', 41), rate), 'float32'), 1 / (1 - rate));
  const layer = built({
    recurrentActivation: o.hard ? 'hardSigmoid' : 'sigmoid', goBackwards: o.back,
    ...(o.drop ? { recurrentDropout: rate, dropoutFunc: fixed } : {}),
  });
  const mask = o.mask ? [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 1, 0, 1]] : null;
  const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1.5, 'float32', 42));
  const h0 = tf.variable(tf.randomNormal([B, H], 0, 0.5, 'float32', 43));
  const R = tf.randomNormal([B, T, H], 0, 1, 'float32', 44);
  const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  const m = o.drop ? (fixed(tf.ones([B, H])) as tf.Tensor2D) : null;
  const fastLoss = () => tf.sum(tf.mul(layer.apply(x, { initialState: [h0], training: true, mask: mask ? tf.tensor2d(mask) : undefined }) as tf.Tensor, R)) as tf.Scalar;
  const refLoss = () => tf.sum(tf.mul(stepwise(x as tf.Tensor3D, h0 as tf.Tensor2D, vars, { hard: o.hard, m, mask, back: o.back }), R)) as tf.Scalar;
  const gF = tf.variableGrads(fastLoss, [...vars, x, h0]);
  const gR = tf.variableGrads(refLoss, [...vars, x, h0]);
  expect(Math.abs(gF.value.dataSync()[0] - gR.value.dataSync()[0])).toBeLessThan(1e-4);
  for (const v of [...vars, x, h0]) {
    const d = maxAbsDiff(gF.grads[v.name], gR.grads[v.name]);
    if (!(d < 1e-4)) throw new Error(`d/d ${v.name}: max |fast − stepwise| = ${d}`);
  }
});

test('weights: kernel, recurrent_kernel, bias, recurrent_bias; saved and loaded with resetAfter', async () => {
  const model = tf.sequential({ layers: [fastGru({ units: H, resetAfter: true, biasInitializer: 'randomNormal', inputShape: [T, IN] } as never)] });
  const names = model.layers[0].weights.map((w) => w.originalName.split('/').pop());
  expect(names).toEqual(['kernel', 'recurrent_kernel', 'bias', 'recurrent_bias']);
  expect(model.layers[0].weights.map((w) => w.shape)).toEqual([[IN, 3 * H], [H, 3 * H], [3 * H], [3 * H]]);
  expect(model.countParams()).toBe(3 * H * (IN + H + 2)); // PyTorch's count: 3H(I + H + 2)
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
  expect(JSON.stringify(saved!.modelTopology)).toContain('"reset_after":true') // Keras' key;
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  const x = tf.randomNormal([2, T, IN], 0, 1, 'float32', 51);
  expect(maxAbsDiff(loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor)).toBe(0);
  // A reset-before fastGru saves resetAfter: false (tf.layers' GRU config has the key too).
  const plain = tf.sequential({ layers: [fastGru({ units: H, inputShape: [T, IN] })] });
  expect(JSON.stringify(plain.layers[0].getConfig())).toContain('"resetAfter":false');
});

test('useBias: false has neither bias, and trains', async () => {
  // Seeded weights and batches: the same run every time.
  const layer = fastGru({ units: H, resetAfter: true, useBias: false, inputShape: [T, IN],
    kernelInitializer: tf.initializers.glorotUniform({ seed: 53 }), recurrentInitializer: tf.initializers.orthogonal({ seed: 54 }) } as never);
  const model = tf.sequential({ layers: [layer, tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 55 }) })] });
  expect(layer.weights.map((w) => w.originalName.split('/').pop())).toEqual(['kernel', 'recurrent_kernel']);
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  const x = tf.randomNormal([64, T, IN], 0, 1, 'float32', 52);
  const y = tf.sum(tf.slice(x, [0, 0, 0], [64, T, 1]), [1, 2]).reshape([64, 1]);
  const h = await model.fit(x, y, { epochs: 40, batchSize: 16, verbose: 0, shuffle: false });
  const loss = h.history.loss as number[];
  expect(loss[loss.length - 1]).toBeLessThan(0.3 * loss[0]);
});
