/**
 * Parity with tf.layers (default cpu backend, Float32) loaded with the same weights:
 * simpleRNN, lstm and gru with recurrentActivation 'sigmoid' (tf.layers' default is hardSigmoid),
 * from random initial states. Forward outputs and final states within 1e-5; gradients of
 * L = Σ_t ⟨h_t, R_t⟩ + ⟨h_T, Rh⟩ (+ ⟨c_T, Rc⟩) w.r.t. weights, inputs and initial states, taken
 * with tf.variableGrads, within 1e-4. Also a two-layer stack and a bidirectional LSTM/GRU.
 * tf.layers has no reset-after GRU (GRUCell throws on resetAfter): that convention is checked
 * by finite differences and against a hand-computed step (gru-reset-after.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import {
  CellConfig, CellParams, Mat, backwardBidirectional, backwardSequence, backwardStack, forwardBidirectional,
  forwardSequence, forwardStack, splitTime, stackTime, seededRng,
} from 'seqmodels/internals';
import { maxAbsDiff, problem, randMat, randParams } from './helpers';

const B = 3, T = 7, IN = 5, H = 6;

function tfLayer(cfg: CellConfig, extra: Record<string, unknown> = {}): tf.layers.Layer {
  const args = { units: cfg.hiddenSize, returnSequences: true, ...extra };
  if (cfg.cell === 'rnn') return tf.layers.simpleRNN(args);
  if (cfg.cell === 'lstm') return tf.layers.lstm({ ...args, recurrentActivation: 'sigmoid' });
  return tf.layers.gru({ ...args, recurrentActivation: 'sigmoid' });
}

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

function weightTensors(p: CellParams): tf.Tensor[] {
  return [
    tf.tensor2d(f32(p.kernel.data), [p.kernel.rows, p.kernel.cols]),
    tf.tensor2d(f32(p.recurrentKernel.data), [p.recurrentKernel.rows, p.recurrentKernel.cols]),
    tf.tensor1d(f32(p.bias)),
  ];
}

const toTensor3 = (steps: Mat[]) => tf.tensor3d(f32(stackTime(steps)), [steps[0].rows, steps.length, steps[0].cols]);
const toTensor2 = (m: Mat) => tf.tensor2d(f32(m.data), [m.rows, m.cols]);

function expectClose(what: string, ours: ArrayLike<number>, theirs: ArrayLike<number>, tol: number): void {
  const d = maxAbsDiff(ours, theirs);
  if (process.env.SCRATCH_REPORT) console.log(`${expect.getState().currentTestName} ${what}: ${d.toExponential(2)}`);
  if (!(d < tol)) throw new Error(`${what}: max |ours − tf| = ${d.toExponential(2)}, expected < ${tol}`);
}

afterEach(() => tf.disposeVariables());

describe.each([
  ['rnn' as const, 11],
  ['lstm' as const, 12],
  ['gru' as const, 13],
])('tf.layers parity: %s', (cell, seed) => {
  test('forward outputs, final states and all gradients', () => {
    const cfg: CellConfig = { cell, inputSize: IN, hiddenSize: H };
    const p = problem(cfg, B, T, seed, 'float32');
    const layer = tfLayer(cfg, { returnState: true });
    const x = tf.variable(toTensor3(p.xs));
    const h0 = tf.variable(toTensor2(p.h0));
    const c0 = p.c0 ? tf.variable(toTensor2(p.c0)) : null;
    layer.apply(x);                         // builds the weights
    layer.setWeights(weightTensors(p.params));
    const R = toTensor3(p.R), Rh = toTensor2(p.Rh), Rc = p.Rc ? toTensor2(p.Rc) : null;
    const run = () => layer.apply(x, { initialState: c0 ? [h0, c0] : [h0] }) as tf.Tensor[];
    const lossFn = () => {
      const [out, hT, cT] = run();
      let L = tf.sum(tf.mul(out, R)).add(tf.sum(tf.mul(hT, Rh)));
      if (cT && Rc) L = L.add(tf.sum(tf.mul(cT, Rc)));
      return L as tf.Scalar;
    };
    const [out, hT, cT] = run();

    const f = forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
    expectClose('outputs', stackTime(f.hs), out.dataSync(), 1e-5);
    expectClose('final h', f.h.data, hT.dataSync(), 1e-5);
    if (cT) expectClose('final c', f.c!.data, cT.dataSync(), 1e-5);

    const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const vars = [...weights, x, h0, ...(c0 ? [c0] : [])];
    const { grads } = tf.variableGrads(lossFn, vars);
    const b = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc });
    expectClose('d kernel', b.grads.kernel.data, grads[weights[0].name].dataSync(), 1e-4);
    expectClose('d recurrentKernel', b.grads.recurrentKernel.data, grads[weights[1].name].dataSync(), 1e-4);
    expectClose('d bias', b.grads.bias, grads[weights[2].name].dataSync(), 1e-4);
    expectClose('d x', stackTime(b.dxs!), grads[x.name].dataSync(), 1e-4);
    expectClose('d h0', b.dh0.data, grads[h0.name].dataSync(), 1e-4);
    if (c0) expectClose('d c0', b.dc0!.data, grads[c0.name].dataSync(), 1e-4);
  });
});

test('tf.layers parity: two-layer stack (lstm over gru)', () => {
  const random = seededRng(21);
  const cfgs: CellConfig[] = [{ cell: 'gru', inputSize: IN, hiddenSize: H }, { cell: 'lstm', inputSize: H, hiddenSize: 4 }];
  const layers = cfgs.map((cfg) => ({ cfg, params: randParams(cfg, random, 'float32') }));
  const xs = Array.from({ length: T }, () => randMat(B, IN, random, 1, 'float32'));
  const R = Array.from({ length: T }, () => randMat(B, 4, random, 1, 'float32'));
  const tl = cfgs.map((cfg) => tfLayer(cfg));
  const x = tf.variable(toTensor3(xs));
  tl[1].apply(tl[0].apply(x));
  tl.forEach((l, i) => l.setWeights(weightTensors(layers[i].params)));
  const Rt = toTensor3(R);
  const out = () => tl[1].apply(tl[0].apply(x)) as tf.Tensor;

  const f = forwardStack(layers, xs);
  expectClose('stack outputs', stackTime(f.hs), out().dataSync(), 1e-5);
  const weights = tl.flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(out(), Rt)) as tf.Scalar, [...weights, x]);
  const b = backwardStack(f, R);
  b.forEach((r, l) => {
    const ours = [r.grads.kernel.data, r.grads.recurrentKernel.data, r.grads.bias];
    ours.forEach((g, i) => expectClose(`stack layer ${l} weight ${i}`, g, grads[weights[3 * l + i].name].dataSync(), 1e-4));
  });
  expectClose('stack d x', stackTime(b[0].dxs!), grads[x.name].dataSync(), 1e-4);
});

describe.each(['lstm' as const, 'gru' as const])('tf.layers parity: bidirectional %s', (cell) => {
  test('concat outputs and gradients', () => {
    const random = seededRng(cell === 'lstm' ? 31 : 32);
    const cfg: CellConfig = { cell, inputSize: IN, hiddenSize: H };
    const params = { forward: randParams(cfg, random, 'float32'), backward: randParams(cfg, random, 'float32') };
    const xs = Array.from({ length: T }, () => randMat(B, IN, random, 1, 'float32'));
    const R = Array.from({ length: T }, () => randMat(B, 2 * H, random, 1, 'float32'));
    const layer = tf.layers.bidirectional({ layer: tfLayer(cfg) as tf.RNN, mergeMode: 'concat' });
    const x = tf.variable(toTensor3(xs));
    layer.apply(x);
    layer.setWeights([...weightTensors(params.forward), ...weightTensors(params.backward)]);
    const Rt = toTensor3(R);
    const out = () => layer.apply(x) as tf.Tensor;

    const f = forwardBidirectional(cfg, params, xs);
    expectClose('bidirectional outputs', stackTime(f.hs), out().dataSync(), 1e-5);
    const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(out(), Rt)) as tf.Scalar, [...weights, x]);
    const b = backwardBidirectional(f, R);
    [b.forward, b.backward].forEach((r, d) => {
      const ours = [r.grads.kernel.data, r.grads.recurrentKernel.data, r.grads.bias];
      ours.forEach((g, i) => expectClose(`direction ${d} weight ${i}`, g, grads[weights[3 * d + i].name].dataSync(), 1e-4));
    });
    expectClose('bidirectional d x', stackTime(b.dxs!), grads[x.name].dataSync(), 1e-4);
  });
});
