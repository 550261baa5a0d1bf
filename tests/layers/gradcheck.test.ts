/**
 * Finite-difference checks of the fused backward passes (cpu backend, float32): the directional
 * derivative (L(θ + εv) − L(θ − εv)) / 2ε along a random direction v equals ⟨∇L, v⟩ for every
 * weight and the input (unit-norm v, ε = 1e-2, relative error < 2e-3), with masks, goBackwards and returnState (LSTM's c_T) in play.
 * Also: a few SGD steps of model.fit (stateful, so later batches start from carried states) leave
 * the fast model's weights equal to tf.layers'.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from 'seqmodels';
import { CellName, makeLayer } from './helpers';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});
afterEach(() => tf.disposeVariables());

const B = 2, T = 5, IN = 3, H = 4;
const cells: [CellName, string][] = [['lstm', 'sigmoid'], ['lstm', 'hardSigmoid'], ['gru', 'sigmoid'], ['gru', 'hardSigmoid'], ['rnn', '']];

test.each(cells)('%s (%s): directional derivatives match finite differences', (cell, ra) => {
  const layer = makeLayer(cell, true, { units: H, returnSequences: true, returnState: true, goBackwards: true, ...(ra ? { recurrentActivation: ra } : {}) });
  const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 21));
  const mask = tf.tensor2d([[1, 1, 0, 1, 1], [0, 1, 1, 1, 0]]).cast('bool');
  layer.apply(x, { mask });
  const params = [...layer.trainableWeights.map((w) => w.read() as tf.Variable), x];
  const outs0 = layer.apply(x, { mask }) as tf.Tensor[];
  const R = outs0.map((o, k) => tf.randomNormal(o.shape, 0, 1, 'float32', 30 + k));
  const loss = () => tf.addN((layer.apply(x, { mask }) as tf.Tensor[]).map((o, k) => tf.sum(tf.mul(o, R[k])))) as tf.Scalar;
  const { grads } = tf.variableGrads(loss, params);
  const eps = 1e-2;
  params.forEach((p, i) => {
    const v0 = tf.randomNormal(p.shape, 0, 1, 'float32', 40 + i);
    const v = tf.div(v0, tf.norm(v0)); // unit direction: the step is ε in parameter space
    const analytic = tf.sum(tf.mul(grads[p.name], v)).dataSync()[0];
    const p0 = p.clone();
    p.assign(tf.add(p0, tf.mul(v, eps)));
    const up = loss().dataSync()[0];
    p.assign(tf.sub(p0, tf.mul(v, eps)));
    const down = loss().dataSync()[0];
    p.assign(p0);
    const numeric = (up - down) / (2 * eps);
    const rel = Math.abs(numeric - analytic) / Math.max(1, Math.abs(analytic));
    if (!(rel < 2e-3)) {
      throw new Error(`${p.name}: finite difference ${numeric.toFixed(5)} vs gradient ${analytic.toFixed(5)} (relative error ${rel.toExponential(2)}); hint: check the backward step of ${cell}`);
    }
  });
});

test.each(['lstm', 'gru', 'rnn'] as CellName[])('%s: stateful model.fit with SGD leaves the same weights as tf.layers', async (cell) => {
  const build = (fast: boolean) => {
    const m = tf.sequential({
      layers: [
        makeLayer(cell, fast, { units: H, stateful: true, batchInputShape: [B, T, IN], returnSequences: true }),
        makeLayer(cell, fast, { units: H, stateful: true }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    m.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' });
    return m;
  };
  const mf = build(true);
  const mt = build(false);
  mt.setWeights(mf.getWeights());
  const x = tf.randomNormal([4 * B, T, IN], 0, 1, 'float32', 50); // 4 batches, in order
  const y = tf.oneHot(tf.tensor1d([0, 1, 1, 0, 1, 0, 0, 1], 'int32'), 2).toFloat();
  await mf.fit(x, y, { batchSize: B, epochs: 2, shuffle: false, verbose: 0 });
  await mt.fit(x, y, { batchSize: B, epochs: 2, shuffle: false, verbose: 0 });
  const wf = mf.getWeights();
  const wt = mt.getWeights();
  wf.forEach((w, i) => {
    const d = tf.max(tf.abs(tf.sub(w, wt[i]))).dataSync()[0];
    if (!(d < 1e-4)) throw new Error(`weight ${i} (${mf.weights[i].name}) differs from tf.layers by ${d.toExponential(2)} after training`);
  });
});

/** Directional finite differences of L = Σ ⟨output_k, R_k⟩ for every weight and the input. */
function directionalCheck(layer: tf.layers.Layer, x: tf.Variable, run: () => tf.Tensor[], what: string): void {
  run(); // builds the layer
  const params = [...layer.trainableWeights.map((w) => w.read() as tf.Variable), x];
  const R = run().map((o, k) => tf.randomNormal(o.shape, 0, 1, 'float32', 60 + k));
  const loss = () => tf.addN(run().map((o, k) => tf.sum(tf.mul(o, R[k])))) as tf.Scalar;
  const { grads } = tf.variableGrads(loss, params);
  const eps = 1e-2;
  params.forEach((p, i) => {
    const v0 = tf.randomNormal(p.shape, 0, 1, 'float32', 70 + i);
    const v = tf.div(v0, tf.norm(v0));
    const analytic = tf.sum(tf.mul(grads[p.name], v)).dataSync()[0];
    const p0 = p.clone();
    p.assign(tf.add(p0, tf.mul(v, eps)));
    const up = loss().dataSync()[0];
    p.assign(tf.sub(p0, tf.mul(v, eps)));
    const down = loss().dataSync()[0];
    p.assign(p0);
    const numeric = (up - down) / (2 * eps);
    const rel = Math.abs(numeric - analytic) / Math.max(1, Math.abs(analytic));
    if (!(rel < 2e-3)) {
      throw new Error(`${what}, ${p.name}: finite difference ${numeric.toFixed(5)} vs gradient ${analytic.toFixed(5)} (relative error ${rel.toExponential(2)})`);
    }
  });
}

// A fixed dropout mask per shape (the same at every call), so the loss is a fixed function.
const fixedMask = (ones: tf.Tensor, rate: number) =>
  tf.tidy(() => tf.mul(tf.cast(tf.greater(tf.randomUniform(ones.shape, 0, 1, 'float32', 50 + ones.shape[1]!), rate), 'float32'), 1 / (1 - rate)));

test.each([
  ['lstm', {}], ['gru', {}], ['rnn', {}], ['gru', { resetAfter: true, biasInitializer: 'randomNormal' }],
  ['gru', { resetAfter: true, recurrentActivation: 'hardSigmoid', biasInitializer: 'randomNormal' }],
] as [CellName, Record<string, unknown>][])('%s %j with dropout and recurrentDropout (fixed masks, training): directional derivatives match finite differences', (cell, extra) => {
  const layer = makeLayer(cell, true, {
    units: H, returnSequences: true, goBackwards: true, dropout: 0.3, recurrentDropout: 0.4, dropoutFunc: fixedMask, ...extra,
  });
  const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 22));
  const mask = tf.tensor2d([[1, 1, 0, 1, 1], [0, 1, 1, 1, 0]]).cast('bool');
  directionalCheck(layer, x, () => [layer.apply(x, { mask, training: true }) as tf.Tensor], `${cell} ${JSON.stringify(extra)}`);
});
