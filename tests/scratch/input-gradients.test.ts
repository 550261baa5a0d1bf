/**
 * Input gradients ∂L/∂x_t = da_t Wᵀ, computed after BPTT from the kept da_t (inputGradients):
 * on request later gives what backwardSequence gives at once, and only for its own forward pass.
 * One-hot inputs given as indices (the sequence engine's row-lookup path) compute what the same
 * inputs as dense one-hot matrices compute: hidden states, weight gradients, and, when asked for
 * with `inputGrads: true`, the input gradients (dense [batch, inputSize], as for a dense x).
 * Float64 (plain loops) and Float32 (SIMD arenas).
 */
import { Mat, backwardSequence, forwardSequence, inputGradients } from 'seqmodels/internals';
import { CELLS, maxAbsDiff, problem } from './helpers';

const B = 5, T = 4, I = 6, H = 3;

describe.each(CELLS)('$name', ({ cfg }) => {
  test.each(['float64', 'float32'] as const)('%s: indices = dense one-hot rows, input gradients included', (dtype) => {
    const p = problem(cfg(I, H), B, T, 11, dtype);
    const ids = Array.from({ length: T }, (_, t) => Int32Array.from({ length: B }, (_, b) => (3 * t + 5 * b) % I));
    const C = p.params.kernel.data.constructor as Float32ArrayConstructor;
    const dense: Mat[] = ids.map((row) => {
      const data = new C(B * I);
      row.forEach((id, b) => { data[b * I + id] = 1; });
      return { rows: B, cols: I, data };
    });
    const run = (xs: (Mat | Int32Array)[], inputGrads?: boolean) => {
      const f = forwardSequence(p.cfg, p.params, xs, { h: p.h0, c: p.c0 });
      const hs = f.hs.map((h) => Array.from(h.data));
      const b = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc, inputGrads });
      return { hs, grads: b.grads, dxs: b.dxs && b.dxs.map((d) => Array.from(d.data)) };
    };
    const a = run(ids, true);
    const d = run(dense);
    const tol = dtype === 'float64' ? 1e-12 : 1e-5;
    a.hs.forEach((h, t) => expect(maxAbsDiff(h, d.hs[t])).toBeLessThan(tol));
    expect(maxAbsDiff(a.grads.kernel.data, d.grads.kernel.data)).toBeLessThan(tol);
    expect(maxAbsDiff(a.grads.recurrentKernel.data, d.grads.recurrentKernel.data)).toBeLessThan(tol);
    expect(maxAbsDiff(a.grads.bias, d.grads.bias)).toBeLessThan(tol);
    a.dxs!.forEach((dx, t) => expect(maxAbsDiff(dx, d.dxs![t])).toBeLessThan(tol));
    expect(run(ids).dxs).toBeNull(); // not asked for: none computed
  });
});

describe.each(CELLS)('$name: inputGradients after a backward pass without them', ({ cfg }) => {
  test.each(['float64', 'float32'] as const)('%s', (dtype) => {
    const p = problem(cfg(I, H), B, T, 12, dtype);
    const f1 = forwardSequence(p.cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
    const at = backwardSequence(f1, p.R, { dhFinal: p.Rh, dcFinal: p.Rc }).dxs!.map((d) => Array.from(d.data));
    const f2 = forwardSequence(p.cfg, p.params, p.xs, { h: p.h0, c: p.c0 }, { workspace: f1.workspace });
    const b = backwardSequence(f2, p.R, { dhFinal: p.Rh, dcFinal: p.Rc, inputGrads: false });
    expect(b.dxs).toBeNull();
    const later = inputGradients(f2).map((d) => Array.from(d.data));
    later.forEach((d, t) => expect(maxAbsDiff(d, at[t])).toBeLessThan(dtype === 'float64' ? 1e-12 : 1e-6));
    expect(later.flat().some((v) => v !== 0)).toBe(true);
    // A forward pass reuses the buffers: the old pass's input gradients are gone, and it says so.
    forwardSequence(p.cfg, p.params, p.xs, { h: p.h0, c: p.c0 }, { workspace: f1.workspace });
    expect(() => inputGradients(f2)).toThrow(/run backwardSequence first/);
  });
});
