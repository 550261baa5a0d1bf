/** Gradient norms against the lag, checked against a hand computation and against BPTT. */
import {
  CellConfig, backwardSequence, forwardSequence, gradientNormsByLag, gradientNormsForSequence, mat, meanRowNorm, zeroParams,
} from 'seqmodels/internals';
import { randMat, randParams } from '../scratch/helpers';
import { seededRng } from 'seqmodels';

test('a one-unit RNN by hand: each step back multiplies by (1 − h_t²) u', () => {
  // h_t = tanh(w x_t + u h_{t−1} + b), hiddenSize 1, batch 1, T = 3, loss gradient g at h_T
  const cfg: CellConfig = { cell: 'rnn', inputSize: 1, hiddenSize: 1 };
  const p = zeroParams(cfg, 'float64');
  const w = 0.7, u = 1.3, b = 0.1, g = 2;
  p.kernel.data[0] = w; p.recurrentKernel.data[0] = u; p.bias[0] = b;
  const x = [0.5, -1, 2];
  const xs = x.map((v) => { const m = mat(1, 1, Float64Array); m.data[0] = v; return m; });
  const h: number[] = [];
  let prev = 0;
  for (const v of x) { prev = Math.tanh(w * v + u * prev + b); h.push(prev); }
  const expected = [Math.abs(g)];
  let d = g;
  for (let t = 2; t >= 0; t--) { d = d * (1 - h[t] ** 2) * u; expected.push(Math.abs(d)); }
  const dh = mat(1, 1, Float64Array); dh.data[0] = g;
  const res = gradientNormsByLag(forwardSequence(cfg, p, xs), dh);
  expect(res.h).toHaveLength(4);
  res.h.forEach((v, m) => expect(v).toBeCloseTo(expected[m], 12));
  expect(res.c).toBeUndefined();
});

test('meanRowNorm: the mean of the rows\' Euclidean norms', () => {
  const m = mat(2, 2, Float64Array);
  m.data.set([3, 4, 0, 1]);
  expect(meanRowNorm(m)).toBeCloseTo((5 + 1) / 2, 12);
});

describe.each(['rnn', 'lstm', 'gru'] as const)('%s: the last entry is BPTT\'s dh0 (and dc0)', (cell) => {
  test('same as backwardSequence', () => {
    const random = seededRng(11);
    const cfg: CellConfig = { cell, inputSize: 3, hiddenSize: 4 };
    const p = randParams(cfg, random);
    const xs = Array.from({ length: 6 }, () => randMat(2, 3, random));
    const dhT = randMat(2, 4, random);
    const dcT = cell === 'lstm' ? randMat(2, 4, random) : undefined;
    const res = gradientNormsByLag(forwardSequence(cfg, p, xs), dhT, dcT);
    const bptt = backwardSequence(forwardSequence(cfg, p, xs), null, { dhFinal: dhT, dcFinal: dcT });
    expect(res.h).toHaveLength(7);
    expect(res.h[0]).toBeCloseTo(meanRowNorm(dhT), 12);
    expect(res.h[6]).toBeCloseTo(meanRowNorm(bptt.dh0), 10);
    if (cell === 'lstm') expect(res.c![6]).toBeCloseTo(meanRowNorm(bptt.dc0!), 10);
  });
});

test('a saturated RNN vanishes, a large linear-regime U explodes', () => {
  const cfg: CellConfig = { cell: 'rnn', inputSize: 1, hiddenSize: 1 };
  const xs = Array.from({ length: 20 }, () => mat(1, 1, Float64Array));
  const small = zeroParams(cfg, 'float64'); small.recurrentKernel.data[0] = 0.5;
  const big = zeroParams(cfg, 'float64'); big.recurrentKernel.data[0] = 1.5;
  const v = gradientNormsForSequence(cfg, small, xs).h;
  const e = gradientNormsForSequence(cfg, big, xs).h;
  expect(v[20]).toBeCloseTo(0.5 ** 20, 12);   // h stays 0: tanh' = 1, the factor is u
  expect(e[20]).toBeCloseTo(1.5 ** 20, 6);
});
