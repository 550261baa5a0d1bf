// The from-scratch cells' benchmark run (bench/scratch-cells.mjs, bench/profile.mjs): one
// iteration = forwardSequence + backwardSequence over a fixed random sequence, Float32, buffers
// reused through a workspace. Settings (issue 3): batch 1, hidden 100, vocabulary 65 one-hot,
// 25 steps (min-char-rnn), and batch 32, hidden 128, dense input 65, 50 steps (input gradients
// too), as bench/reference/numpy_lstm.py.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sm = require('seqmodels/internals');

export const SCRATCH_SETTINGS = [
  { name: 'batch1', batchSize: 1, hiddenSize: 100, inputSize: 65, seqLen: 25, oneHot: true },
  { name: 'batch32', batchSize: 32, hiddenSize: 128, inputSize: 65, seqLen: 50, oneHot: false },
];

/**
 * One iteration of `cellSpec` ({ cell, resetAfter?, simd? }: simd false turns the SIMD kernels
 * off for this workspace) at setting `s`, as a function.
 */
export function setup(cellSpec, s) {
  const cfg = { cell: cellSpec.cell, inputSize: s.inputSize, hiddenSize: s.hiddenSize, resetAfter: cellSpec.resetAfter };
  const params = sm.initCellParams(cfg, { seed: 1 });
  const random = sm.seededRng(2);
  const xs = [];
  for (let t = 0; t < s.seqLen; t++) {
    if (s.oneHot) {
      const ix = new Int32Array(s.batchSize);
      for (let b = 0; b < s.batchSize; b++) ix[b] = random.int(s.inputSize);
      xs.push(ix);
    } else {
      const m = sm.mat(s.batchSize, s.inputSize);
      for (let i = 0; i < m.data.length; i++) m.data[i] = random() * 2 - 1;
      xs.push(m);
    }
  }
  const dhs = xs.map(() => {
    const m = sm.mat(s.batchSize, s.hiddenSize);
    for (let i = 0; i < m.data.length; i++) m.data[i] = (random() * 2 - 1) * 0.1;
    return m;
  });
  sm.setSimdEnabled(cellSpec.simd !== false);
  const workspace = sm.createWorkspace(cfg, s.batchSize, s.seqLen);
  sm.setSimdEnabled(true);
  const grads = sm.zerosLike(params);
  return () => {
    const f = sm.forwardSequence(cfg, params, xs, {}, { workspace });
    sm.backwardSequence(f, dhs, { grads });
  };
}

