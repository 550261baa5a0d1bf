/**
 * Conventions that are easy to get wrong, each checked against an independent reference:
 * the reset-after GRU against a step computed by hand from PyTorch's formulas, the PyTorch
 * layout converters (round trips and gate order), tf.layers' parameter counts, one-hot vs dense
 * inputs, stateful continuation, truncated BPTT as separate chunks, and Float32 vs Float64.
 */
import * as tf from '@tensorflow/tfjs';
import {
  CellConfig, CellParams, Mat, PyTorchParams, backwardSequence, forwardSequence, fromPyTorchLayout, gruStep,
  mat, matFrom, paramCount, seededRng, toPyTorchLayout, zerosLike, cloneMat, setSimdEnabled, createSimdArena,
  addColumnSums, sigmoidRows, tanhRows,
  sigmoidInPlace, tanhInPlace,
} from 'seqmodels/internals';
import * as seqmodels from 'seqmodels';
import * as internals from 'seqmodels/internals';
import { maxAbsDiff, problem, randMat, randParams } from './helpers';

const sig = (v: number) => 1 / (1 + Math.exp(-v));

describe('GRU with the reset applied after the recurrent matmul', () => {
  test('one step against a hand computation (1 input, 1 unit)', () => {
    // PyTorch (r, z, n order): r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz)
    // n = tanh(W_in x + b_in + r (W_hn h + b_hn)),  h' = (1 − z) n + z h
    const x = 0.7, h = -0.4;
    const W = { r: 0.3, z: -0.5, n: 0.9 }, Uh = { r: -0.2, z: 0.6, n: 1.1 };
    const bi = { r: 0.1, z: -0.05, n: 0.2 }, bh = { r: -0.3, z: 0.15, n: 0.4 };
    const r = sig(W.r * x + bi.r + Uh.r * h + bh.r);
    const z = sig(W.z * x + bi.z + Uh.z * h + bh.z);
    const n = Math.tanh(W.n * x + bi.n + r * (Uh.n * h + bh.n));
    const expected = (1 - z) * n + z * h;
    // Our layout, gate order z, r, h.
    const params: CellParams = {
      kernel: matFrom([[W.z, W.r, W.n]], Float64Array),
      recurrentKernel: matFrom([[Uh.z, Uh.r, Uh.n]], Float64Array),
      bias: Float64Array.of(bi.z, bi.r, bi.n),
      recurrentBias: Float64Array.of(bh.z, bh.r, bh.n),
    };
    const out = gruStep(params, matFrom([[x]], Float64Array), matFrom([[h]], Float64Array));
    expect(Math.abs(out.h.data[0] - expected)).toBeLessThan(1e-12);
    // The reset-before convention gives a different value for the same weights: placement matters.
    const nBefore = Math.tanh(W.n * x + bi.n + Uh.n * (r * h));
    const before = gruStep({ ...params, recurrentBias: undefined }, matFrom([[x]], Float64Array), matFrom([[h]], Float64Array));
    expect(Math.abs(out.h.data[0] - before.h.data[0])).toBeGreaterThan(1e-3);
    // (reset-before also adds no bʰ, so compare with its own hand value)
    const rB = sig(W.r * x + bi.r + Uh.r * h), zB = sig(W.z * x + bi.z + Uh.z * h);
    const nB = Math.tanh(W.n * x + bi.n + Uh.n * (rB * h));
    expect(Math.abs(before.h.data[0] - ((1 - zB) * nB + zB * h))).toBeLessThan(1e-12);
    expect(nBefore).not.toBeNaN();
  });
});

/** Column-vector PyTorch-formula reference step for any cell, written independently of the library. */
function torchStep(cell: 'rnn' | 'lstm' | 'gru', p: PyTorchParams, x: number[], h: number[], c: number[]): { h: number[]; c: number[] } {
  const H = h.length;
  const ih = (row: number) => x.reduce((s, v, i) => s + p.weight_ih.data[row * x.length + i] * v, p.bias_ih[row]);
  const hh = (row: number) => h.reduce((s, v, i) => s + p.weight_hh.data[row * H + i] * v, p.bias_hh[row]);
  if (cell === 'rnn') return { h: h.map((_, j) => Math.tanh(ih(j) + hh(j))), c };
  if (cell === 'lstm') {
    const gi = h.map((_, j) => sig(ih(j) + hh(j)));
    const gf = h.map((_, j) => sig(ih(H + j) + hh(H + j)));
    const gg = h.map((_, j) => Math.tanh(ih(2 * H + j) + hh(2 * H + j)));
    const go = h.map((_, j) => sig(ih(3 * H + j) + hh(3 * H + j)));
    const c2 = h.map((_, j) => gf[j] * c[j] + gi[j] * gg[j]);
    return { h: h.map((_, j) => go[j] * Math.tanh(c2[j])), c: c2 };
  }
  const r = h.map((_, j) => sig(ih(j) + hh(j)));
  const z = h.map((_, j) => sig(ih(H + j) + hh(H + j)));
  const n = h.map((_, j) => Math.tanh(ih(2 * H + j) + r[j] * hh(2 * H + j)));
  return { h: h.map((_, j) => (1 - z[j]) * n[j] + z[j] * h[j]), c };
}

const TORCH_CELLS: [string, CellConfig][] = [
  ['rnn', { cell: 'rnn', inputSize: 3, hiddenSize: 4 }],
  ['lstm', { cell: 'lstm', inputSize: 3, hiddenSize: 4 }],
  ['gru (reset after)', { cell: 'gru', inputSize: 3, hiddenSize: 4, resetAfter: true }],
];

describe.each(TORCH_CELLS)('PyTorch layout: %s', (_name, cfg) => {
  test('ours → PyTorch → ours is exact', () => {
    const p = randParams(cfg, seededRng(7));
    const back = fromPyTorchLayout(cfg, toPyTorchLayout(cfg, p));
    expect(Array.from(back.kernel.data)).toEqual(Array.from(p.kernel.data));
    expect(Array.from(back.recurrentKernel.data)).toEqual(Array.from(p.recurrentKernel.data));
    expect(Array.from(back.bias)).toEqual(Array.from(p.bias));
    if (p.recurrentBias) expect(Array.from(back.recurrentBias!)).toEqual(Array.from(p.recurrentBias));
  });

  test('PyTorch → ours → PyTorch keeps weights, and the bias sum (both biases for the GRU)', () => {
    const random = seededRng(8);
    const kH = (cfg.cell === 'rnn' ? 1 : cfg.cell === 'lstm' ? 4 : 3) * cfg.hiddenSize;
    const pt: PyTorchParams = {
      weight_ih: randMat(kH, cfg.inputSize, random), weight_hh: randMat(kH, cfg.hiddenSize, random),
      bias_ih: randMat(1, kH, random).data, bias_hh: randMat(1, kH, random).data,
    };
    const again = toPyTorchLayout(cfg, fromPyTorchLayout(cfg, pt));
    expect(maxAbsDiff(again.weight_ih.data, pt.weight_ih.data)).toBe(0);
    expect(maxAbsDiff(again.weight_hh.data, pt.weight_hh.data)).toBe(0);
    if (cfg.cell === 'gru') {
      expect(maxAbsDiff(again.bias_ih, pt.bias_ih)).toBe(0);
      expect(maxAbsDiff(again.bias_hh, pt.bias_hh)).toBe(0);
    } else {
      const sum = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (v, i) => v + b[i]);
      expect(maxAbsDiff(sum(again.bias_ih, again.bias_hh), sum(pt.bias_ih, pt.bias_hh))).toBeLessThan(1e-15);
    }
  });

  test('a step on converted weights equals the PyTorch formulas on the PyTorch weights', () => {
    const random = seededRng(9);
    const kH = (cfg.cell === 'rnn' ? 1 : cfg.cell === 'lstm' ? 4 : 3) * cfg.hiddenSize;
    const pt: PyTorchParams = {
      weight_ih: randMat(kH, cfg.inputSize, random), weight_hh: randMat(kH, cfg.hiddenSize, random),
      bias_ih: randMat(1, kH, random).data, bias_hh: randMat(1, kH, random).data,
    };
    const x = randMat(1, cfg.inputSize, random), h0 = randMat(1, cfg.hiddenSize, random), c0 = randMat(1, cfg.hiddenSize, random);
    const want = torchStep(cfg.cell, pt, Array.from(x.data), Array.from(h0.data), Array.from(c0.data));
    const f = forwardSequence(cfg, fromPyTorchLayout(cfg, pt), [x], { h: h0, c: cfg.cell === 'lstm' ? c0 : undefined });
    expect(maxAbsDiff(f.h.data, want.h)).toBeLessThan(1e-12);
    if (cfg.cell === 'lstm') expect(maxAbsDiff(f.c!.data, want.c)).toBeLessThan(1e-12);
  });
});

test('PyTorch GRU gate order r, z, n maps to our z, r, h', () => {
  const cfg: CellConfig = { cell: 'gru', inputSize: 2, hiddenSize: 3, resetAfter: true };
  const p = randParams(cfg, seededRng(3));
  const pt = toPyTorchLayout(cfg, p);
  const H = 3;
  // weight_ih row (block r, unit j) = kernel column (our block 1, unit j)
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < 2; i++) {
      expect(pt.weight_ih.data[(0 * H + j) * 2 + i]).toBe(p.kernel.data[i * 3 * H + 1 * H + j]);
      expect(pt.weight_ih.data[(1 * H + j) * 2 + i]).toBe(p.kernel.data[i * 3 * H + 0 * H + j]);
      expect(pt.weight_ih.data[(2 * H + j) * 2 + i]).toBe(p.kernel.data[i * 3 * H + 2 * H + j]);
    }
  }
});

test('paramCount matches tf.layers countParams', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    const layer = cell === 'rnn' ? tf.layers.simpleRNN({ units: 7 }) : cell === 'lstm' ? tf.layers.lstm({ units: 7 }) : tf.layers.gru({ units: 7 });
    layer.apply(tf.zeros([1, 2, 5]));
    expect(paramCount({ cell, inputSize: 5, hiddenSize: 7 })).toBe(layer.countParams());
  }
  expect(paramCount({ cell: 'gru', inputSize: 5, hiddenSize: 7, resetAfter: true })).toBe(3 * 7 * (5 + 7 + 2));
});

describe.each([
  ['rnn', { cell: 'rnn', inputSize: 5, hiddenSize: 4 } as CellConfig],
  ['lstm', { cell: 'lstm', inputSize: 5, hiddenSize: 4 } as CellConfig],
  ['gru (reset after)', { cell: 'gru', inputSize: 5, hiddenSize: 4, resetAfter: true } as CellConfig],
])('sequence loop: %s', (_name, cfg) => {
  test('one-hot indices give the same states and weight gradients as dense one-hot rows', () => {
    const random = seededRng(5);
    const params = randParams(cfg, random);
    const ids = Array.from({ length: 6 }, () => Int32Array.from({ length: 2 }, () => random.int(5)));
    const dense = ids.map((ix) => { const m = mat(2, 5, Float64Array); ix.forEach((v, b) => { m.data[b * 5 + v] = 1; }); return m; });
    const R = ids.map(() => randMat(2, 4, random));
    const a = forwardSequence(cfg, params, ids);
    const ga = backwardSequence(a, R);
    const hsA = a.hs.map((h) => Array.from(h.data)), kA = Array.from(ga.grads.kernel.data), uA = Array.from(ga.grads.recurrentKernel.data);
    const b = forwardSequence(cfg, params, dense);
    const gb = backwardSequence(b, R);
    b.hs.forEach((h, t) => expect(maxAbsDiff(h.data, hsA[t])).toBeLessThan(1e-14));
    expect(maxAbsDiff(gb.grads.kernel.data, kA)).toBeLessThan(1e-14);
    expect(maxAbsDiff(gb.grads.recurrentKernel.data, uA)).toBeLessThan(1e-14);
    expect(ga.dxs).toBeNull();
  });

  test('stateful continuation: 7 steps = 4 steps then 3 from the final state (reused workspace)', () => {
    const p = problem(cfg, 3, 7, 6);
    const full = forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
    const want = Array.from(full.h.data);
    const first = forwardSequence(cfg, p.params, p.xs.slice(0, 4), { h: p.h0, c: p.c0 });
    const second = forwardSequence(cfg, p.params, p.xs.slice(4), { h: first.h, c: first.c }, { workspace: first.workspace });
    expect(maxAbsDiff(second.h.data, want)).toBeLessThan(1e-14);
  });

  test('truncated BPTT (k = 3) equals full BPTT on separate chunks with carried state', () => {
    const p = problem(cfg, 2, 7, 9);
    const f = forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
    const tr = backwardSequence(f, p.R, { truncate: 3 });
    const trK = Array.from(tr.grads.kernel.data), trU = Array.from(tr.grads.recurrentKernel.data);
    const trX = tr.dxs!.map((d) => Array.from(d.data)), trH0 = Array.from(tr.dh0.data);
    const full = backwardSequence(forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 }), p.R);
    expect(maxAbsDiff(full.grads.recurrentKernel.data, trU)).toBeGreaterThan(1e-6); // truncation changes something
    const fullH0 = Array.from(full.dh0.data);
    const sum = zerosLike(p.params);
    let h: Mat = cloneMat(p.h0), c: Mat | undefined = p.c0 && cloneMat(p.c0);
    const chunkX: number[][] = [];
    let chunkH0: number[] = [];
    for (const [s, e] of [[0, 3], [3, 6], [6, 7]]) {
      const fc = forwardSequence(cfg, p.params, p.xs.slice(s, e), { h, c });
      const bc = backwardSequence(fc, p.R.slice(s, e), { grads: sum });
      bc.dxs!.forEach((d) => chunkX.push(Array.from(d.data)));
      if (s === 0) chunkH0 = Array.from(bc.dh0.data);
      h = cloneMat(fc.h);
      c = fc.c && cloneMat(fc.c);
    }
    expect(maxAbsDiff(sum.kernel.data, trK)).toBeLessThan(1e-12);
    expect(maxAbsDiff(sum.recurrentKernel.data, trU)).toBeLessThan(1e-12);
    chunkX.forEach((d, t) => expect(maxAbsDiff(d, trX[t])).toBeLessThan(1e-12));
    expect(maxAbsDiff(chunkH0, trH0)).toBeLessThan(1e-12);               // h0 starts the first chunk
    expect(maxAbsDiff(fullH0, trH0)).toBeGreaterThan(1e-6);        // full BPTT also sends back later losses
  });

  test('truncate >= seqLen is full BPTT', () => {
    const p = problem(cfg, 2, 5, 10);
    const a = backwardSequence(forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 }), p.R);
    const aU = Array.from(a.grads.recurrentKernel.data), aH = Array.from(a.dh0.data);
    const b = backwardSequence(forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 }), p.R, { truncate: 5 });
    expect(maxAbsDiff(b.grads.recurrentKernel.data, aU)).toBe(0);
    expect(maxAbsDiff(b.dh0.data, aH)).toBe(0);
  });

  test('Float32 and Float64 paths agree', () => {
    const p64 = problem(cfg, 3, 7, 12, 'float64');
    const p32 = problem(cfg, 3, 7, 12, 'float32');
    const a = forwardSequence(cfg, p64.params, p64.xs, { h: p64.h0, c: p64.c0 });
    const b = forwardSequence(cfg, p32.params, p32.xs, { h: p32.h0, c: p32.c0 });
    expect(b.h.data).toBeInstanceOf(Float32Array);
    expect(a.h.data).toBeInstanceOf(Float64Array);
    expect(maxAbsDiff(a.h.data, b.h.data)).toBeLessThan(1e-5);
    const ga = backwardSequence(a, p64.R), gb = backwardSequence(b, p32.R);
    expect(maxAbsDiff(ga.grads.recurrentKernel.data, gb.grads.recurrentKernel.data)).toBeLessThan(1e-4);
  });
});

describe('WebAssembly SIMD kernel', () => {
  afterEach(() => setSimdEnabled(true));
  test('column sums and column-block activations: SIMD and JavaScript agree', () => {
    const arena = createSimdArena(20000)!;
    const rows = 5, ld = 11, cols = 7;                       // a block of 7 columns from column 2
    const random = seededRng(3);
    const vals = Array.from({ length: rows * ld }, () => random() * 6 - 3);
    const d = arena.f32(rows * ld), sums = arena.f32(cols);
    d.set(vals);
    sums.fill(1);
    addColumnSums(rows, cols, d, 2, ld, sums);
    const want = Array.from({ length: cols }, (_, j) => {
      let sum = 1;
      for (let r = 0; r < rows; r++) sum += vals[2 + r * ld + j];
      return sum;
    });
    expect(maxAbsDiff(sums, want)).toBeLessThan(1e-5);
    const s = arena.f32(rows * ld), t = arena.f32(rows * ld);
    s.set(vals);
    t.set(vals);
    sigmoidRows(s, 2, rows, ld, cols);
    tanhRows(t, 2, rows, ld, cols);
    vals.forEach((v, i) => {
      const inBlock = i % ld >= 2 && i % ld < 2 + cols;
      expect(Math.abs(s[i] - (inBlock ? 1 / (1 + Math.exp(-v)) : v))).toBeLessThan(2e-7);
      expect(Math.abs(t[i] - (inBlock ? Math.tanh(v) : v))).toBeLessThan(2e-7);
    });
  });

  test('SIMD σ and tanh match Math within 2e-7 from −1000 to 1000 (odd lengths use the scalar tail)', () => {
    const arena = createSimdArena(20000)!;
    const n = 4003;
    const x = Array.from({ length: n }, (_, i) => (i < 4000 ? (i / 4000 - 0.5) * 40 : [1000, -1000, 1e-8][i - 4000]));
    const s = arena.f32(n), t = arena.f32(n);
    s.set(x);
    t.set(x);
    sigmoidInPlace(s, 0, n);
    tanhInPlace(t, 0, n);
    expect(maxAbsDiff(s, x.map((v) => 1 / (1 + Math.exp(-v))))).toBeLessThan(2e-7);
    expect(maxAbsDiff(t, x.map(Math.tanh))).toBeLessThan(2e-7);
  });

  test.each([
    ['rnn', 5], ['lstm', 5], ['gru', 5], ['lstm', 2], ['gru', 1],
  ] as const)('%s, batch %i: Float32 with and without SIMD agree (states, weight and input gradients)', (cell, batch) => {
    // batch >= 4 runs the backward products on transposed copies, smaller batches the dot-product kernel
    const cfg: CellConfig = { cell, inputSize: 13, hiddenSize: 10, resetAfter: cell === 'gru' && batch === 5 };
    const p = problem(cfg, batch, 6, 21, 'float32');
    const run = () => {
      const f = forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
      const b = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc });
      return { fast: !!f.workspace.fast, h: Array.from(f.h.data), dU: Array.from(b.grads.recurrentKernel.data),
        dW: Array.from(b.grads.kernel.data), db: Array.from(b.grads.bias), dx: Array.from(b.dxs![0].data), dh0: Array.from(b.dh0.data) };
    };
    expect(setSimdEnabled(true)).toBe(true);   // available on Node 20
    const a = run();
    setSimdEnabled(false);
    const b = run();
    expect(a.fast).toBe(true);
    expect(b.fast).toBe(false);
    expect(maxAbsDiff(a.h, b.h)).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.dU, b.dU)).toBeLessThan(1e-4);
    expect(maxAbsDiff(a.dW, b.dW)).toBeLessThan(1e-4);
    expect(maxAbsDiff(a.db, b.db)).toBeLessThan(1e-4);   // column sums through the kernel's 1.0
    expect(maxAbsDiff(a.dx, b.dx)).toBeLessThan(1e-4);
    expect(maxAbsDiff(a.dh0, b.dh0)).toBeLessThan(1e-4);
    expect(maxAbsDiff(a.dU, new Array(a.dU.length).fill(0))).toBeGreaterThan(1e-3);
  });
});

test('the from-scratch names the notebooks use are public; the rest of the toolkit is in seqmodels/internals', () => {
  const learner = ['rnnStep', 'rnnStepBackward', 'lstmStep', 'lstmStepBackward', 'gruStep', 'gruStepBackward',
    'forwardSequence', 'backwardSequence', 'clipByGlobalNorm', 'clipByValue', 'paramCount', 'orthogonal',
    'CharLanguageModel', 'perplexity', 'gradientCheck'];
  const toolkit = ['toPyTorchLayout', 'fromPyTorchLayout', 'softmaxCrossEntropy', 'sgd', 'adagrad', 'adam', 'glorotUniform', 'sampleNext'];
  expect(learner.filter((n) => typeof (seqmodels as Record<string, unknown>)[n] !== 'function')).toEqual([]);
  expect([...learner, ...toolkit].filter((n) => typeof (internals as Record<string, unknown>)[n] !== 'function')).toEqual([]);
});

test.each(['lstm', 'gru'] as const)('%s: backwardSequence twice on one forward pass gives the same gradients (Float32 arena)', (cell) => {
  const cfg: CellConfig = { cell, inputSize: 6, hiddenSize: 8 };
  const p = problem(cfg, 4, 5, 33, 'float32');
  const f = forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
  const a = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc });
  const aU = Array.from(a.grads.recurrentKernel.data), aX = Array.from(a.dxs![2].data), aH = Array.from(a.dh0.data);
  const b = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc });
  expect(maxAbsDiff(b.grads.recurrentKernel.data, aU)).toBe(0);
  expect(maxAbsDiff(b.dxs![2].data, aX)).toBe(0);
  expect(maxAbsDiff(b.dh0.data, aH)).toBe(0);
  // accumulating into given gradients adds
  const c = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc, grads: b.grads });
  expect(maxAbsDiff(c.grads.recurrentKernel.data, aU.map((v) => 2 * v))).toBeLessThan(1e-6);
});
