/**
 * Finite-difference check (Float64) of every gradient BPTT returns: kernel, recurrentKernel,
 * bias, recurrentBias, every input step, initial h (and c), for every cell and both GRU
 * conventions, seqLen 1 and 7, batch 1 and 3, several seeds, and with masked steps (padding and
 * holes) on the longer cases. Threshold: relative error < 1e-6.
 * SCRATCH_REPORT=1 prints the measured errors.
 */
import { backwardSequence, forwardSequence, gradientCheck, FloatArray } from 'seqmodels/internals';
import { CELLS, Problem, dot, problem } from './helpers';

function lossOf(p: Problem, mask?: Uint8Array[]): number {
  const f = forwardSequence(p.cfg, p.params, p.xs, { h: p.h0, c: p.c0 }, { mask });
  let L = 0;
  f.hs.forEach((h, t) => { L += dot(h.data, p.R[t].data); });
  L += dot(f.h.data, p.Rh.data);
  if (p.Rc) L += dot(f.c!.data, p.Rc.data);
  return L;
}

function analytic(p: Problem, mask?: Uint8Array[]) {
  const f = forwardSequence(p.cfg, p.params, p.xs, { h: p.h0, c: p.c0 }, { mask });
  const b = backwardSequence(f, p.R, { dhFinal: p.Rh, dcFinal: p.Rc });
  // Copies: the workspace is reused by the loss evaluations below.
  return {
    kernel: Float64Array.from(b.grads.kernel.data),
    recurrentKernel: Float64Array.from(b.grads.recurrentKernel.data),
    bias: Float64Array.from(b.grads.bias),
    recurrentBias: b.grads.recurrentBias ? Float64Array.from(b.grads.recurrentBias) : undefined,
    dxs: b.dxs!.map((d) => Float64Array.from(d.data)),
    dh0: Float64Array.from(b.dh0.data),
    dc0: b.dc0 ? Float64Array.from(b.dc0.data) : undefined,
  };
}

const CASES: [string, number, number, number][] = [];
for (const c of CELLS) {
  for (const [batch, seqLen, seed] of [[1, 1, 1], [3, 1, 2], [1, 7, 3], [3, 7, 4], [3, 7, 5]] as const) {
    CASES.push([c.name, batch, seqLen, seed]);
  }
}

/** Row b skips step t where (b + t) % 3 === 1 (row 0 also its first step): padding and holes. */
const maskFor = (batch: number, seqLen: number) =>
  Array.from({ length: seqLen }, (_, t) => Uint8Array.from({ length: batch }, (_, b) => ((b + t) % 3 === 1 || (b === 0 && t === 0) ? 0 : 1)));

// Masked steps (tf.layers' convention: a skipped step carries the states over) on the longer cases.
const MASKED = CASES.filter(([, batch, seqLen]) => batch === 3 && seqLen === 7).map(([n, b, t, s]) => [n, b, t, s, true] as const);

describe('gradient check (Float64, finite differences)', () => {
  test.each([...CASES.map(([n, b, t, s]) => [n, b, t, s, false] as const), ...MASKED])('%s: batch %i, seqLen %i, seed %i, masked %s', (name, batch, seqLen, seed, masked) => {
    const cfg = CELLS.find((c) => c.name === name)!.cfg(3, 4);
    const p = problem(cfg, batch, seqLen, seed);
    const mask = masked ? maskFor(batch, seqLen) : undefined;
    const a = analytic(p, mask);
    const checks: [string, FloatArray, ArrayLike<number>][] = [
      ['kernel', p.params.kernel.data, a.kernel],
      ['recurrentKernel', p.params.recurrentKernel.data, a.recurrentKernel],
      ['bias', p.params.bias, a.bias],
      ['h0', p.h0.data, a.dh0],
      ...p.xs.map((x, t): [string, FloatArray, ArrayLike<number>] => [`x[${t}]`, x.data, a.dxs[t]]),
    ];
    if (p.params.recurrentBias) checks.push(['recurrentBias', p.params.recurrentBias, a.recurrentBias!]);
    if (p.c0) checks.push(['c0', p.c0.data, a.dc0!]);
    for (const [what, param, grad] of checks) {
      // A masked step's input has a gradient of exactly 0, where the finite difference gives
      // rounding noise (~1e-14): the floor of the relative error is raised from 1e-8 to 1e-6 there.
      const r = gradientCheck(() => lossOf(p, mask), param, grad, masked ? { floor: 1e-6 } : {});
      if (!(r.maxRelError < 1e-6)) {
        throw new Error(`${name} ${what}: relative error ${r.maxRelError.toExponential(2)} at ${r.worstIndex} (analytic ${r.analytic}, numeric ${r.numeric})`);
      }
      expect(r.checked).toBe(param.length);
      if (process.env.SCRATCH_REPORT) console.log(`${name} b${batch} T${seqLen} ${what}: ${r.maxRelError.toExponential(2)}`);
    }
  });
});
