/**
 * The fast layers give tf.layers' results: same outputs (1e-5) and gradients (1e-4) w.r.t. every
 * weight and the input, with tf.layers' weights copied in. Wasm backend (the one the speed-up is
 * for; its split kernel is part of what is tested). Table of cases: engine x cell x options, where
 * the engine is the library's SIMD kernels ('simd', the default on wasm and cpu, masks included;
 * hard-sigmoid gates always take the tfjs-op path) or tfjs ops ('tf', as on the native backend).
 */
import * as tf from '@tensorflow/tfjs';
import { activeSequenceEngine, initBackend, rowBlocks, sequenceThreads, setSequenceEngine, setSequenceThreads, setSimdEnabled, setRelaxedSimdEnabled } from 'seqmodels/internals';
import { oneHotPositions } from '../../lib/src/layers/simd-engine';
import { Args, CellName, compareRuns, makeLayer, maxAbsDiff } from './helpers';

const B = 3, T = 6, IN = 4, H = 5;

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});
afterEach(() => tf.disposeVariables());

const cells: CellName[] = ['lstm', 'gru', 'rnn'];
const options: [string, Args][] = [
  ['returnSequences on', { returnSequences: true }],
  ['returnSequences off', { returnSequences: false }],
  ['goBackwards', { returnSequences: true, goBackwards: true }],
  ['returnState', { returnSequences: true, returnState: true }],
  ['no bias', { returnSequences: true, useBias: false }],
];

/** A layer pair with the same weights, built on x. */
function pair(cell: CellName, args: Args, x: tf.Tensor) {
  const fast = makeLayer(cell, true, { units: H, ...args });
  const ref = makeLayer(cell, false, { units: H, ...args });
  fast.apply(x);
  ref.apply(x);
  ref.setWeights(fast.getWeights());
  return { fast, ref };
}

// The SIMD engine on both matrix kernels (relaxed-SIMD tiles, plain SIMD), then tfjs ops.
const engines = [['simd', 'relaxed-simd'], ['simd', 'simd'], ['tf', '-']] as const;

describe.each(engines)('engine %s, matrix kernel %s', (engine, kernel) => {
beforeAll(() => {
  setSequenceEngine(engine);
  if (engine === 'simd') expect(setRelaxedSimdEnabled(kernel === 'relaxed-simd')).toBe(true);
});
afterAll(() => {
  setSequenceEngine('auto');
  setRelaxedSimdEnabled(true);
});

describe.each(cells)('%s: fast layer = tf.layers', (cell) => {
  test.each(options)('%s', (_name, args) => {
    const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 1));
    const { fast, ref } = pair(cell, args, x);
    compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x) as tf.Tensor, [x]);
  });

  test('initial state passed in', () => {
    const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 2));
    const n = cell === 'lstm' ? 2 : 1;
    const s0 = Array.from({ length: n }, (_, i) => tf.variable(tf.randomNormal([B, H], 0, 0.5, 'float32', 3 + i)));
    const { fast, ref } = pair(cell, { returnSequences: true }, x);
    compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x, { initialState: s0 }) as tf.Tensor, [x, ...s0]);
  });

  test('functional model with symbolic initial states', () => {
    const n = cell === 'lstm' ? 2 : 1;
    const build = (fast: boolean) => {
      const x = tf.input({ shape: [T, IN] });
      const s0 = Array.from({ length: n }, () => tf.input({ shape: [H] }));
      const y = makeLayer(cell, fast, { units: H, returnSequences: true }).apply(x, { initialState: s0 }) as tf.SymbolicTensor;
      return tf.model({ inputs: [x, ...s0], outputs: y });
    };
    const mf = build(true);
    const mt = build(false);
    mt.setWeights(mf.getWeights());
    const ins = [tf.randomNormal([B, T, IN], 0, 1, 'float32', 7), ...Array.from({ length: n }, (_, i) => tf.randomNormal([B, H], 0, 0.5, 'float32', 8 + i))];
    compareRuns(mf, mt, (k) => (k === 'fast' ? mf : mt).apply(ins) as tf.Tensor);
  });

  test('mask: masked steps carry the state over (mixed rows, a fully masked step, goBackwards)', () => {
    const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 4));
    // row 0 unmasked, row 1 left-padded, row 2 with a hole; step 0 fully masked for rows 1 and 2.
    const m = tf.tensor2d(
      [
        [1, 1, 1, 1, 1, 1],
        [0, 0, 1, 1, 1, 1],
        [0, 1, 0, 1, 1, 0],
      ],
      [B, T],
    ).cast('bool');
    for (const goBackwards of [false, true]) {
      const { fast, ref } = pair(cell, { returnSequences: true, returnState: true, goBackwards }, x);
      compareRuns(fast, ref, (k) => (k === 'fast' ? fast : ref).apply(x, { mask: m }) as tf.Tensor[], [x]);
    }
    // A step masked for every row is skipped entirely.
    const all0 = tf.tensor2d([[1, 0, 1, 1, 1, 1], [1, 0, 1, 1, 1, 1], [1, 0, 0, 1, 1, 1]], [B, T]).cast('bool');
    const { fast, ref } = pair(cell, { returnSequences: true }, x);
    compareRuns(fast, ref, (k) => (k === 'fast' ? fast : ref).apply(x, { mask: all0 }) as tf.Tensor, [x]);
  });

  test('in a model: embedding with maskZero, stacked two layers', () => {
    const ids = tf.tensor2d([[0, 0, 3, 5, 2, 7], [4, 1, 6, 2, 2, 9], [0, 8, 0, 0, 1, 3]], [B, T]);
    const build = (fast: boolean) =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 10, outputDim: IN, maskZero: true, inputLength: T }),
          makeLayer(cell, fast, { units: H, returnSequences: true }),
          makeLayer(cell, fast, { units: H }),
        ],
      });
    const mf = build(true);
    const mt = build(false);
    mt.setWeights(mf.getWeights());
    compareRuns(mf, mt, (k) => (k === 'fast' ? mf : mt).apply(ids) as tf.Tensor);
  });

  test.each([true, false])('inside tf.layers.bidirectional (concat), with a masking layer; returnSequences %s', (returnSequences) => {
    const x = tf.randomNormal([B, T, IN], 0, 1, 'float32', 5);
    const xm = tf.tidy(() => tf.concat([tf.zeros([B, 2, IN]), tf.slice(x, [0, 2, 0], [B, T - 2, IN])], 1));
    const build = (fast: boolean) =>
      tf.sequential({
        layers: [
          tf.layers.masking({ maskValue: 0, inputShape: [T, IN] }),
          tf.layers.bidirectional({ layer: makeLayer(cell, fast, { units: H, returnSequences }) as tf.RNN, mergeMode: 'concat' }),
        ],
      });
    const mf = build(true);
    const mt = build(false);
    mt.setWeights(mf.getWeights());
    compareRuns(mf, mt, (k) => (k === 'fast' ? mf : mt).apply(xm) as tf.Tensor);
  });

  test('stateful: the second batch continues from the first', () => {
    const xs = [1, 2, 3].map((s) => tf.randomNormal([B, T, IN], 0, 1, 'float32', 10 + s));
    const fast = makeLayer(cell, true, { units: H, stateful: true, batchInputShape: [B, T, IN], returnSequences: true }) as tf.RNN;
    const ref = makeLayer(cell, false, { units: H, stateful: true, batchInputShape: [B, T, IN], returnSequences: true }) as tf.RNN;
    fast.apply(xs[0]);
    ref.apply(xs[0]);
    ref.setWeights(fast.getWeights());
    fast.resetStates();
    ref.resetStates();
    for (const x of xs.slice(0, 2)) {
      const a = fast.apply(x) as tf.Tensor;
      const b = ref.apply(x) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
    }
    fast.getStates().forEach((s, i) => expect(tf.max(tf.abs(tf.sub(s, ref.getStates()[i]))).dataSync()[0]).toBeLessThan(1e-5));
    // Outputs and gradients of the next batches, which start from the carried state (compareRuns
    // calls each layer the same number of times, so their states stay in step).
    compareRuns(fast, ref, (k) => (k === 'fast' ? fast : ref).apply(xs[2]) as tf.Tensor, [], 1e-5, 1e-4);
    fast.resetStates();
    expect(tf.max(tf.abs(fast.getStates()[0])).dataSync()[0]).toBe(0);
  });
});

});

describe('hardSigmoid gates (tf.layers default)', () => {
  test.each(['lstm', 'gru'] as CellName[])('%s', (cell) => {
    const x = tf.variable(tf.randomNormal([B, T, IN], 0, 2, 'float32', 6));
    const { fast, ref } = pair(cell, { returnSequences: true, recurrentActivation: 'hardSigmoid' }, x);
    compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x) as tf.Tensor, [x]);
  });
});

describe('the SIMD engine', () => {
  test('is the default on wasm, and runs a sequence in a fixed number of tfjs kernels', async () => {
    expect(activeSequenceEngine()).toBe('simd');
    setSimdEnabled(false); // without the SIMD kernels the tfjs-op path is the faster one
    expect(activeSequenceEngine()).toBe('tf');
    setSimdEnabled(true);
    expect(activeSequenceEngine()).toBe('simd');
    const kernelsFor = async (time: number, engine: 'simd' | 'tf') => {
      setSequenceEngine(engine);
      const layer = makeLayer('lstm', true, { units: H, returnSequences: true });
      const x = tf.randomNormal([B, time, IN], 0, 1, 'float32', 1);
      layer.apply(x); // build
      const info = await tf.profile(() => tf.tidy(() => {
        const g = tf.grads((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))([x]);
        return g[0];
      }));
      setSequenceEngine('auto');
      tf.dispose(x);
      return info.kernels.length;
    };
    const [simd6, simd12, tf6, tf12] = [await kernelsFor(6, 'simd'), await kernelsFor(12, 'simd'), await kernelsFor(6, 'tf'), await kernelsFor(12, 'tf')];
    expect(simd12).toBe(simd6); // no kernel per time step
    expect(tf12).toBeGreaterThan(tf6 + 6 * 5); // the tfjs-op path runs several kernels per step
  });

  test('runs masked sequences too (an embedding with maskZero): no kernel per time step', async () => {
    const kernelsFor = async (time: number) => {
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 10, outputDim: IN, maskZero: true, inputShape: [time] }),
          makeLayer('lstm', true, { units: H }),
        ],
      });
      const ids = tf.tensor2d(Array.from({ length: B * time }, (_, i) => (i % time < 2 ? 0 : 1 + (i % 9))), [B, time]);
      const info = await tf.profile(() => tf.tidy(() => {
        const w = model.trainableWeights.map((v) => v.read() as tf.Variable);
        const g = tf.variableGrads(() => tf.sum(model.apply(ids) as tf.Tensor) as tf.Scalar, w);
        return Object.values(g.grads);
      }));
      model.dispose();
      ids.dispose();
      return info.kernels.length;
    };
    expect(activeSequenceEngine()).toBe('simd');
    expect(await kernelsFor(12)).toBe(await kernelsFor(6));
  });

  test('non-finite inputs give NaN outputs and gradients, as tfjs ops do (no error)', () => {
    const layer = makeLayer('gru', true, { units: H, returnSequences: true });
    const x = tf.tensor3d(Array.from({ length: B * T * IN }, (_, i) => (i === 7 ? NaN : 0.1)), [B, T, IN]);
    const [y, dx] = tf.tidy(() => {
      const out = layer.apply(x) as tf.Tensor;
      const g = tf.grads((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))([x]);
      return [out, g[0]];
    });
    expect(Array.from(y.dataSync()).some(Number.isNaN)).toBe(true);
    expect(Array.from(dx.dataSync()).some(Number.isNaN)).toBe(true);
    tf.dispose([x, y, dx]);
  });
});

describe('the SIMD engine on several threads (blocks of batch rows)', () => {
  test('rowBlocks: contiguous blocks of at least 8 rows covering the batch', () => {
    expect(rowBlocks(3, 2)).toEqual([[0, 3]]);
    expect(rowBlocks(15, 2)).toEqual([[0, 15]]);
    expect(rowBlocks(17, 2)).toEqual([[0, 8], [8, 17]]);
    expect(rowBlocks(32, 4)).toEqual([[0, 8], [8, 16], [16, 24], [24, 32]]);
    expect(rowBlocks(20, 4)).toEqual([[0, 10], [10, 20]]);
    expect(rowBlocks(64, 1)).toEqual([[0, 64]]);
  });

  // Both matrix kernels: the worker threads follow the main thread's setRelaxedSimdEnabled.
  test.each(cells.flatMap((c) => [[c, 'relaxed-simd'], [c, 'simd']]))('%s, %s kernel: on 1, 2 and 3 threads, outputs, states and gradients equal tf.layers', (cell, kernel) => {
    const rows = 26; // blocks of 26, of 13 + 13, of 8 + 9 + 9 rows
    const x = tf.variable(tf.randomNormal([rows, T, IN], 0, 1, 'float32', 21));
    const s0 = Array.from({ length: cell === 'lstm' ? 2 : 1 }, (_, i) => tf.variable(tf.randomNormal([rows, H], 0, 0.5, 'float32', 22 + i)));
    expect(setRelaxedSimdEnabled(kernel === 'relaxed-simd')).toBe(true);
    for (const threads of [1, 2, 3]) {
      for (const goBackwards of [false, true]) {
        const prev = setSequenceThreads(threads);
        try {
          const { fast, ref } = pair(cell, { returnSequences: true, returnState: true, goBackwards }, x);
          compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x, { initialState: s0 }) as tf.Tensor[], [x, ...s0]);
        } finally {
          setSequenceThreads(prev);
        }
      }
    }
    expect(sequenceThreads().failure).toBeNull(); // the worker threads did start
    setRelaxedSimdEnabled(true);
  });

  test.each(cells)('%s: masks across blocks of rows, on 1, 2 and 3 threads, equal tf.layers', (cell) => {
    const rows = 26;
    const x = tf.variable(tf.randomNormal([rows, T, IN], 0, 1, 'float32', 41));
    // Every row its own pattern: left padding of r mod 4 steps, and a hole at step (r mod 5) when r is odd.
    const m = tf.tensor2d(
      Array.from({ length: rows * T }, (_, i) => {
        const [r, t] = [Math.floor(i / T), i % T];
        return t < r % 4 || (r % 2 === 1 && t === r % 5) ? 0 : 1;
      }),
      [rows, T],
    ).cast('bool');
    for (const threads of [1, 2, 3]) {
      for (const goBackwards of [false, true]) {
        const prev = setSequenceThreads(threads);
        try {
          const { fast, ref } = pair(cell, { returnSequences: true, returnState: true, goBackwards }, x);
          compareRuns(fast, ref, (k) => (k === 'fast' ? fast : ref).apply(x, { mask: m }) as tf.Tensor[], [x]);
        } finally {
          setSequenceThreads(prev);
        }
      }
    }
    expect(sequenceThreads().failure).toBeNull();
    tf.dispose([x, m]);
  });

  test('same weights: the split changes nothing but float summation order (1e-5)', () => {
    const rows = 16;
    const layer = makeLayer('lstm', true, { units: H, returnSequences: true });
    const x = tf.randomNormal([rows, T, IN], 0, 1, 'float32', 31);
    layer.apply(x);
    const run = (threads: number) => {
      const prev = setSequenceThreads(threads);
      try {
        return tf.tidy(() => {
          const w = layer.trainableWeights.map((v) => v.read() as tf.Variable);
          const g = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, w);
          return [layer.apply(x) as tf.Tensor, ...w.map((v) => g.grads[v.name])];
        });
      } finally {
        setSequenceThreads(prev);
      }
    };
    const one = run(1);
    const two = run(2);
    one.forEach((t, i) => expect(tf.max(tf.abs(tf.sub(t, two[i]))).dataSync()[0]).toBeLessThan(1e-5));
    expect(sequenceThreads().failure).toBeNull();
    tf.dispose([x, ...one, ...two]);
  });
});

// One-hot inputs (what tf.oneHot makes) run on the positions of their ones: x_t W is a row of W
// and xᵀ da a row update (simd-engine.ts, oneHotPositions). Same results as tf.layers, the input
// gradient included; anything not exactly one-hot keeps the dense path.
describe('the SIMD engine on one-hot inputs', () => {
  test('oneHotPositions: the 1 of every row, or null when any row is not one-hot', () => {
    const x = (rows: number[][]) => Float32Array.from(rows.flat());
    expect(Array.from(oneHotPositions(x([[0, 1, 0], [1, 0, 0], [0, 0, 1]]), 3)!)).toEqual([1, 0, 2]);
    expect(oneHotPositions(x([[0, 1, 0], [0, 0, 0]]), 3)).toBeNull();        // a row of zeros (padding)
    expect(oneHotPositions(x([[0, 1, 0], [1, 0, 1]]), 3)).toBeNull();        // two ones
    expect(oneHotPositions(x([[0, 2, 0], [1, 0, 0]]), 3)).toBeNull();        // not a 1
    expect(oneHotPositions(x([[0, 1, 0], [1, -0.5, 0]]), 3)).toBeNull();     // a 1 and another value
    expect(oneHotPositions(x([[0.5, 0.5]]), 2)).toBeNull();
  });

  test.each(cells)('%s: one-hot rows, masks, goBackwards, on 1, 2 and 3 threads, equal tf.layers (dx too)', (cell) => {
    const rows = 26;
    const ids = tf.randomUniform([rows, T], 0, IN, 'int32', 51);
    const x = tf.variable(tf.oneHot(ids, IN).toFloat());
    const m = tf.tensor2d(Array.from({ length: rows * T }, (_, i) => (i % T < (Math.floor(i / T) % 3) ? 0 : 1)), [rows, T]).cast('bool');
    for (const threads of [1, 2, 3]) {
      for (const goBackwards of [false, true]) {
        const prev = setSequenceThreads(threads);
        try {
          const { fast, ref } = pair(cell, { returnSequences: true, returnState: true, goBackwards }, x);
          compareRuns(fast, ref, (k) => (k === 'fast' ? fast : ref).apply(x) as tf.Tensor[], [x]);
          compareRuns(fast, ref, (k) => (k === 'fast' ? fast : ref).apply(x, { mask: m }) as tf.Tensor[], [x]);
        } finally {
          setSequenceThreads(prev);
        }
      }
    }
    tf.dispose([ids, x, m]);
  });

  test.each(cells)('%s: the same batch one-hot and with one row made dense gives the same results elsewhere', (cell) => {
    // Row 0 of the second input has a second nonzero (dense path for the whole batch): every other
    // row's outputs must equal the one-hot run's.
    const ids = tf.randomUniform([B, T], 0, IN, 'int32', 52);
    const oneHot = tf.oneHot(ids, IN).toFloat();
    const d = oneHot.dataSync().slice();
    d[0] += 0.25;
    const dense = tf.tensor3d(d, [B, T, IN]);
    const layer = makeLayer(cell, true, { units: H, returnSequences: true });
    const a = layer.apply(oneHot) as tf.Tensor;
    const b = layer.apply(dense) as tf.Tensor;
    const rest = (t: tf.Tensor) => t.slice([1, 0, 0], [B - 1, T, H]);
    expect(maxAbsDiff(rest(a), rest(b))).toBeLessThan(1e-6);
    expect(maxAbsDiff(a, b)).toBeGreaterThan(0); // row 0 did change
    tf.dispose([ids, oneHot, dense, a, b]);
  });
});

// ∂L/∂x is computed only when back-propagation needs it (the engine's lambda per input): training
// a model whose first layer is fed data skips it; tf.grad with respect to x gets it.
describe('the SIMD engine computes the input gradient only when it is needed', () => {
  test.each([1, 2])('on %i thread(s)', async (threads) => {
    const part = jest.requireActual('../../lib/src/layers/simd-part');
    const spy = jest.spyOn(part, 'finishPart');
    const prev = setSequenceThreads(threads);
    try {
      const rows = 16;
      const layer = makeLayer('lstm', true, { units: H, returnSequences: true });
      const x = tf.randomNormal([rows, T, IN], 0, 1, 'float32', 61);
      layer.apply(x);
      const w = layer.trainableWeights.map((v) => v.read() as tf.Variable);
      const g = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, w);
      await Promise.resolve(); // the buffers are released in a microtask, once tfjs is done with the node
      expect(spy.mock.calls.map((c) => c[1])).toEqual([false]);
      spy.mockClear();
      const [dx] = tf.grads((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))([x]);
      expect(spy.mock.calls.map((c) => c[1])).toEqual([true]);
      expect(tf.max(tf.abs(dx)).dataSync()[0]).toBeGreaterThan(0);
      tf.dispose([dx, ...Object.values(g.grads), g.value]);
      // A synchronous loop of gradients: each pass's buffers are released when the next one runs,
      // not all at the end.
      spy.mockClear();
      for (let i = 0; i < 4; i++) {
        const r = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, w);
        expect(spy).toHaveBeenCalledTimes(i);
        tf.dispose([r.value, ...Object.values(r.grads)]);
      }
      await Promise.resolve();
      expect(spy).toHaveBeenCalledTimes(4);
      x.dispose();
    } finally {
      setSequenceThreads(prev);
      spy.mockRestore();
    }
  });
});
