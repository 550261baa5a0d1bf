/**
 * The readable cells (scratch/rnn.ts, lstm.ts, gru.ts, written in the chapters' symbols on the
 * plain matrix helper) and the fast path (scratch/fast/: strided products, WebAssembly SIMD
 * arenas, the sequence engine) compute the same thing: the readable steps, unrolled over time
 * by hand here, give the hidden states, weight gradients, input gradients and initial-state
 * gradients of forwardSequence / backwardSequence, in Float64 and in Float32 (SIMD on and off).
 * And the teaching files import nothing from the fast path.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  CellConfig, CellParams, Mat, add, backwardSequence, forwardSequence, gruStep, gruStepBackward, lstmStep, lstmStepBackward,
  rnnStep, rnnStepBackward, setSimdEnabled, zerosLike, GruCache, LstmCache, RnnCache,
} from 'seqmodels/internals';
import { CELLS, maxAbsDiff, problem } from './helpers';

type AnyCache = RnnCache | LstmCache | GruCache;

/** The loop over time and BPTT, written out with the readable steps. */
function plainSequence(cfg: CellConfig, params: CellParams, xs: Mat[], h0: Mat, c0: Mat | undefined, dhs: Mat[]) {
  const caches: AnyCache[] = [];
  let h = h0, c = c0;
  for (const x of xs) {
    if (cfg.cell === 'rnn') { const s = rnnStep(params, x, h); caches.push(s); h = s.h; }
    else if (cfg.cell === 'lstm') { const s = lstmStep(params, x, h, c!); caches.push(s); h = s.h; c = s.c; }
    else { const s = gruStep(params, x, h); caches.push(s); h = s.h; }
  }
  const grads = zerosLike(params);
  const dxs: Mat[] = [];
  let dhNext: Mat | null = null, dcNext: Mat | null = null;
  for (let t = xs.length - 1; t >= 0; t--) {
    const dh: Mat = dhNext ? add(dhs[t], dhNext) : dhs[t];
    if (cfg.cell === 'rnn') {
      const g = rnnStepBackward(params, caches[t] as RnnCache, dh, grads);
      dhNext = g.dhPrev; dxs[t] = g.dx;
    } else if (cfg.cell === 'lstm') {
      const g = lstmStepBackward(params, caches[t] as LstmCache, dh, dcNext, grads);
      dhNext = g.dhPrev; dcNext = g.dcPrev; dxs[t] = g.dx;
    } else {
      const g = gruStepBackward(params, caches[t] as GruCache, dh, grads);
      dhNext = g.dhPrev; dxs[t] = g.dx;
    }
  }
  return { hs: caches.map((s) => s.h), grads, dxs, dh0: dhNext!, dc0: dcNext };
}

const flat = (ms: Mat[]) => Float64Array.from(ms.flatMap((m) => Array.from(m.data)));

describe.each([
  { dtype: 'float64' as const, simd: true, tol: 1e-12 },
  { dtype: 'float32' as const, simd: true, tol: 2e-5 },
  { dtype: 'float32' as const, simd: false, tol: 2e-5 },
])('readable cells = fast path ($dtype, SIMD $simd)', ({ dtype, simd, tol }) => {
  beforeAll(() => setSimdEnabled(simd));
  afterAll(() => setSimdEnabled(true));

  test.each(CELLS.map((c) => [c.name, c.cfg(4, 6)] as const))('%s: states, weight, input and initial-state gradients', (_name, cfg) => {
    const p = problem(cfg, 3, 7, 2024, dtype);
    const plain = plainSequence(cfg, p.params, p.xs, p.h0, p.c0, p.R);
    const fwd = forwardSequence(cfg, p.params, p.xs, { h: p.h0, c: p.c0 });
    expect(maxAbsDiff(flat(fwd.hs), flat(plain.hs))).toBeLessThan(tol);
    const back = backwardSequence(fwd, p.R);
    expect(maxAbsDiff(back.grads.kernel.data, plain.grads.kernel.data)).toBeLessThan(tol);
    expect(maxAbsDiff(back.grads.recurrentKernel.data, plain.grads.recurrentKernel.data)).toBeLessThan(tol);
    expect(maxAbsDiff(back.grads.bias, plain.grads.bias)).toBeLessThan(tol);
    if (cfg.cell === 'gru' && cfg.resetAfter) {
      expect(maxAbsDiff(back.grads.recurrentBias!, plain.grads.recurrentBias!)).toBeLessThan(tol);
    }
    expect(maxAbsDiff(flat(back.dxs!), flat(plain.dxs))).toBeLessThan(tol);
    expect(maxAbsDiff(back.dh0.data, plain.dh0.data)).toBeLessThan(tol);
    if (cfg.cell === 'lstm') expect(maxAbsDiff(back.dc0!.data, plain.dc0!.data)).toBeLessThan(tol);
  });
});

test('the readable cells keep the chapter\'s names: LSTM i, f, cTilde, o; GRU z, r, hTilde', () => {
  const p = problem({ cell: 'lstm', inputSize: 2, hiddenSize: 3 }, 1, 1, 5);
  const s = lstmStep(p.params, p.xs[0], p.h0, p.c0!);
  expect(Object.keys(s)).toEqual(expect.arrayContaining(['i', 'f', 'cTilde', 'o', 'c', 'h']));
  // gates stacks them in tf.layers' order i | f | c̃ | o
  expect(maxAbsDiff(s.gates.data, [...s.i.data, ...s.f.data, ...s.cTilde.data, ...s.o.data])).toBe(0);
  for (const resetAfter of [false, true]) {
    const g = problem({ cell: 'gru', inputSize: 2, hiddenSize: 3, resetAfter }, 1, 1, 6);
    const out = gruStep(g.params, g.xs[0], g.h0);
    expect(out.resetAfter).toBe(resetAfter);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['z', 'r', 'hTilde', 'h', resetAfter ? 's' : 'q']));
  }
});

test('the teaching files import nothing from the fast path (no WebAssembly, arenas or workspaces)', () => {
  const dir = path.resolve(__dirname, '..', '..', 'lib', 'src', 'scratch');
  for (const f of ['mat.ts', 'rnn.ts', 'lstm.ts', 'gru.ts', 'types.ts']) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    expect({ file: f, imports: imports.filter((i) => i.includes('fast') || i.includes('simd') || i.includes('layers')) })
      .toEqual({ file: f, imports: [] });
    const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect({ file: f, fastWords: code.match(/WebAssembly|arena|workspace|gemm|[\w\])]!(?!=)/gi) ?? [] }).toEqual({ file: f, fastWords: [] });
  }
});
