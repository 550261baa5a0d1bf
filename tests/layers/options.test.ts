/** Bad options and inputs give errors that name the option, the value and what to do instead. */
import * as tf from '@tensorflow/tfjs';
import { fastGru, fastLstm, fastSimpleRnn, initBackend } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});

const bad: [string, () => unknown, RegExp][] = [
  ['units 0', () => fastLstm({ units: 0 }), /fastLstm: units \(hiddenSize\) must be a positive integer, got 0/],
  ['units 2.5', () => fastGru({ units: 2.5 }), /fastGru: units .* got 2.5/],
  ['units missing', () => fastSimpleRnn({} as never), /fastSimpleRnn: units .* got undefined/],
  ['activation relu', () => fastLstm({ units: 3, activation: 'relu' as never }), /activation 'relu' is not supported .* use tf.layers.lstm/],
  ['recurrentActivation tanh', () => fastGru({ units: 3, recurrentActivation: 'tanh' as never }), /recurrentActivation 'tanh' is not supported: use 'sigmoid'/],
  ['SimpleRNN recurrentActivation', () => fastSimpleRnn({ units: 3, recurrentActivation: 'sigmoid' } as never), /SimpleRNN has no recurrentActivation/],
  ['dropout', () => fastLstm({ units: 3, dropout: 0.2 }), /dropout = 0.2 is not supported .* tf.layers.dropout/],
  ['recurrentDropout', () => fastGru({ units: 3, recurrentDropout: 0.1 }), /recurrentDropout = 0.1 is not supported/],
  ['resetAfter', () => fastGru({ units: 3, resetAfter: true as never }), /resetAfter: true .* not supported/],
];

test.each(bad)('%s', (_name, make, message) => {
  expect(make).toThrow(message);
});

// Every option error names the layer it comes from, and an option of another cell type says so
// (fastLstm({ resetAfter: true }) used to answer with the GRU's message).
const factories: [string, (args: Record<string, unknown>) => unknown][] = [
  ['fastSimpleRnn', (a) => fastSimpleRnn(a as never)],
  ['fastLstm', (a) => fastLstm(a as never)],
  ['fastGru', (a) => fastGru(a as never)],
];
const badArgs: Record<string, unknown>[] = [
  { units: 0 }, { units: 3, activation: 'relu' }, { units: 3, dropout: 0.5 }, { units: 3, recurrentDropout: 0.5 },
  { units: 3, recurrentActivation: 'tanh' }, { units: 3, resetAfter: true },
];
test.each(factories.flatMap(([name, make]) => badArgs.map((args) => [name, JSON.stringify(args), make, args] as const)))(
  '%s(%s): the error starts with the layer\'s name and speaks of its own cell',
  (name, _shown, make, args) => {
    let message = '';
    try { make(args); } catch (e) { message = (e as Error).message; }
    if (name === 'fastGru' || !('resetAfter' in args)) {
      expect(message.startsWith(`${name}: `)).toBe(true);
    } else {
      expect(message).toMatch(new RegExp(`^${name}: resetAfter is an option of the GRU only`));
    }
    if (name !== 'fastGru') expect(message).not.toMatch(/cuDNN|reset before|reset gate before/);
  },
);

test('wrong mask shape', () => {
  const layer = fastLstm({ units: 3 });
  const x = tf.zeros([2, 4, 5]);
  expect(() => layer.apply(x, { mask: tf.ones([2, 3]) })).toThrow(/mask must have shape \[batch, time\] = \[2, 4\], got \[2,3\]/);
});

test('wrong initial state', () => {
  const layer = fastGru({ units: 3 });
  const x = tf.zeros([2, 4, 5]);
  layer.apply(x); // built: the shape check is the fast layer's own
  expect(() => layer.apply(x, { initialState: [tf.zeros([2, 4])] })).toThrow(/initial state must be \[batch, hiddenSize\] = \[2, 3\], got \[2,4\]/);
  const lstm = fastLstm({ units: 3 });
  lstm.apply(x);
  expect(() => lstm.apply(x, { initialState: [tf.zeros([2, 3])] })).toThrow(/has 2 state\(s\) but was passed 1/);
});

// What the docs say plainly: the fast layers' gates default to sigmoid (the course's convention),
// tf.layers' to hardSigmoid; "drop-in" means passing recurrentActivation to match (parity.test.ts
// checks the outputs once it is matched, both ways).
test.each([
  ['fastLstm', () => fastLstm({ units: 3 }), () => tf.layers.lstm({ units: 3 })],
  ['fastGru', () => fastGru({ units: 3 }), () => tf.layers.gru({ units: 3 })],
] as const)('%s: gates default to sigmoid, tf.layers to hardSigmoid', (_name, fast, ref) => {
  expect(fast().getConfig().recurrentActivation).toBe('sigmoid');
  expect(ref().getConfig().recurrentActivation).toBe('hardSigmoid');
});
