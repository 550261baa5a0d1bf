/**
 * Shared fixtures for the fast-layer tests: build a fast layer and its tf.layers twin with the
 * same weights, and compare outputs and gradients (w.r.t. every weight and the input).
 */
import * as tf from '@tensorflow/tfjs';
import { fastGru, fastLstm, fastSimpleRnn } from 'seqmodels';

export type CellName = 'lstm' | 'gru' | 'rnn';
export type Args = Record<string, unknown>;

/** The fast layer (`fast: true`) or tf.layers' layer with the same options. */
export function makeLayer(cell: CellName, fast: boolean, args: Args): tf.layers.Layer {
  // tf.layers' default recurrent activation is hardSigmoid; the fast layers' is sigmoid.
  const ra = cell === 'rnn' ? {} : { recurrentActivation: 'sigmoid' };
  const a = { ...ra, ...args } as never;
  if (cell === 'lstm') return fast ? fastLstm(a) : tf.layers.lstm(a);
  if (cell === 'gru') return fast ? fastGru(a) : tf.layers.gru(a);
  return fast ? fastSimpleRnn(a) : tf.layers.simpleRNN(a);
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shape [${a.shape}] vs [${b.shape}]`);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

export function expectClose(what: string, ours: tf.Tensor, theirs: tf.Tensor, tol: number): void {
  const d = maxAbsDiff(ours, theirs);
  if (process.env.LAYERS_REPORT) console.log(`${expect.getState().currentTestName} ${what}: ${d.toExponential(2)}`);
  if (!(d < tol)) throw new Error(`${what}: max |fast − tf.layers| = ${d.toExponential(2)}, expected < ${tol}`);
}

const asList = (y: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(y) ? y : [y]);

/**
 * Compare `run(fastModel)` with `run(tfModel)`: every output within `tolY`, and the gradients of
 * L = Σ ⟨output_k, R_k⟩ (fixed random R_k) w.r.t. the trainable weights and the given input
 * variables within `tolG`. The two models must list their weights in the same order.
 */
export function compareRuns(
  fastModel: { trainableWeights: tf.LayerVariable[] },
  tfModel: { trainableWeights: tf.LayerVariable[] },
  run: (m: 'fast' | 'tf') => tf.Tensor | tf.Tensor[],
  inputs: tf.Variable[] = [],
  tolY = 1e-5,
  tolG = 1e-4,
): void {
  const yF = asList(run('fast'));
  const yT = asList(run('tf'));
  expect(yF.length).toBe(yT.length);
  yF.forEach((y, k) => expectClose(`output ${k}`, y, yT[k], tolY));
  const R = yF.map((y, k) => tf.randomNormal(y.shape, 0, 1, 'float32', 100 + k));
  const loss = (m: 'fast' | 'tf') => () =>
    tf.addN(asList(run(m)).map((y, k) => tf.sum(tf.mul(y, R[k])))) as tf.Scalar;
  const varsF = [...fastModel.trainableWeights.map((v) => v.read() as tf.Variable), ...inputs];
  const varsT = [...tfModel.trainableWeights.map((v) => v.read() as tf.Variable), ...inputs];
  const gF = tf.variableGrads(loss('fast'), varsF);
  const gT = tf.variableGrads(loss('tf'), varsT);
  varsF.forEach((v, i) => expectClose(`d/d ${v.name}`, gF.grads[v.name], gT.grads[varsT[i].name], tolG));
  tf.dispose([...yF, ...yT, ...R, gF.value, gT.value, ...Object.values(gF.grads), ...Object.values(gT.grads)]);
}
