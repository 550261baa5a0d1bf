/**
 * At batch 1 on the fast path, backwardSequence adds the recurrent weight gradient dU after the
 * loop, one product over the steps (scratch/fast/sequence.ts recurrentKernelGrads), instead of
 * one outer product per backward step. The per-step products ran simd.ts's plain kernel: per
 * entry, steps t = T−1 … 0 in order, c ← fl32(c + fl32(a·b)). This checks the deferred product
 * against exactly that sum written out here, bit for bit, for every cell (GRU: both blocks of
 * U), with sizes that leave odd rows and column tails, with and without an initial state, and
 * with the relaxed-SIMD kernel on and off (the deferred product must not use its fused
 * multiply-add, which rounds once).
 */
import {
  CellConfig, backwardSequence, createWorkspace, forwardSequence, initCellParams, mat, relaxedSimdAvailable,
  seededRng, setRelaxedSimdEnabled,
} from 'seqmodels/internals';

const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(a).buffer));

/** dU0 + Σ_{t = T−1 … 0} A_tᵀ B_t (columns [col, col + n) of rows of width G), in float32 steps. */
function perStepSum(dU: Float32Array, G: number, H: number, A: Float32Array[], B: Float32Array[], col: number, n: number): void {
  for (let t = A.length - 1; t >= 0; t--) {
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < n; j++) {
        const k = i * G + col + j;
        dU[k] = Math.fround(dU[k] + Math.fround(A[t][i] * B[t][col + j]));
      }
    }
  }
}

describe.each([
  ['rnn', 7, 9], ['lstm', 5, 12], ['gru', 6, 10], ['lstm', 8, 1],
] as const)('%s, hidden size %d, %d steps', (cell, hiddenSize, T) => {
  test.each([true, false])('dU equals the per-step sum bit for bit (initial state given: %s)', (withH0) => {
    const relaxedWas = setRelaxedSimdEnabled(true);
    try {
      for (const relaxed of [true, false]) {
        setRelaxedSimdEnabled(relaxed);
        const cfg: CellConfig = { cell, inputSize: 11, hiddenSize };
        const params = initCellParams(cfg, { seed: 5, dtype: 'float32' });
        const rng = seededRng(9);
        const xs = Array.from({ length: T }, () => Int32Array.of(Math.floor(rng() * 11)));
        const h0 = mat(1, hiddenSize, Float32Array);
        if (withH0) h0.data.forEach((_, i) => (h0.data[i] = rng() - 0.5));
        const c0 = cell === 'lstm' ? mat(1, hiddenSize, Float32Array) : undefined;
        const ws = createWorkspace(cfg, 1, T, 'float32');
        const f = forwardSequence(cfg, params, xs, { h: h0, c: c0 }, { workspace: ws });
        const dhs = Array.from({ length: T }, () => {
          const d = mat(1, hiddenSize, Float32Array);
          d.data.forEach((_, i) => (d.data[i] = rng() - 0.5));
          return d;
        });
        const grads = initCellParams(cfg, { seed: 6, dtype: 'float32' });   // start from non-zero gradients
        const dU0 = Float32Array.from(grads.recurrentKernel.data);
        backwardSequence(f, dhs, { grads, inputGrads: false });
        expect(ws.gradOut.deferRecurrentKernel).toBe(true);

        const G = grads.recurrentKernel.cols, H = hiddenSize;
        const hPrev = f.caches.map((c) => Float32Array.from(c.hPrev.data));
        const dGates = ws.dGates.slice(0, T).map((d) => Float32Array.from(d.data));
        const expected = Float32Array.from(dU0);
        if (cell === 'gru') {
          perStepSum(expected, G, H, hPrev, dGates, 0, 2 * H);                                     // dU_zr
          perStepSum(expected, G, H, f.caches.map((c) => Float32Array.from(c.aux!.data)), dGates, 2 * H, H);   // dU_h
        } else {
          perStepSum(expected, G, H, hPrev, dGates, 0, G);
        }
        expect(bits(grads.recurrentKernel.data)).toEqual(bits(expected));
      }
    } finally {
      setRelaxedSimdEnabled(relaxedWas);
    }
  });
});

test('the per-step products stay where the deferred one does not apply (batch 2, masks, GRU reset after)', () => {
  const run = (cfg: CellConfig, batch: number, mask?: Uint8Array[]) => {
    const params = initCellParams(cfg, { seed: 1, dtype: 'float32' });
    const ws = createWorkspace(cfg, batch, 4, 'float32');
    const xs = Array.from({ length: 4 }, (_, t) => Int32Array.from({ length: batch }, (_, b) => (t + b) % cfg.inputSize));
    const f = forwardSequence(cfg, params, xs, {}, { workspace: ws, mask });
    backwardSequence(f, null, { dhFinal: mat(batch, cfg.hiddenSize, Float32Array), inputGrads: false });
    return ws.gradOut.deferRecurrentKernel;
  };
  expect(run({ cell: 'lstm', inputSize: 5, hiddenSize: 4 }, 1)).toBe(true);
  expect(run({ cell: 'lstm', inputSize: 5, hiddenSize: 4 }, 2)).toBe(false);
  expect(run({ cell: 'rnn', inputSize: 5, hiddenSize: 4 }, 1, Array.from({ length: 4 }, () => Uint8Array.of(1)))).toBe(false);
  expect(run({ cell: 'gru', inputSize: 5, hiddenSize: 4, resetAfter: true }, 1)).toBe(false);
});

test('relaxed SIMD is available here (Node with the flag), so the relaxed case above had its kernel to pick', () => {
  expect(relaxedSimdAvailable()).toBe(true);
});
