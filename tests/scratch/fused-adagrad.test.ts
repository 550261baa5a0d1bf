/**
 * The fused clip-and-Adagrad step (scratch/fast/fused-adagrad.ts, used by the character model
 * through scratch/charlm-update.ts) against the JavaScript it replaces (clip.ts clipByGlobalNorm
 * and clipByValue, optim.ts adagrad): bit for bit, on arrays whose lengths leave an odd last
 * entry, with and without each clipping, with a clip value that float32 cannot represent, and
 * over several steps (Adagrad's sums of squares carry over). Then whole models trained with and
 * without it.
 */
import {
  CharLanguageModel, FusedAdagrad, adagrad, clipByGlobalNorm, clipByValue, fusedAdagradAvailable, globalNorm, seededRng,
  setFusedAdagrad,
} from 'seqmodels/internals';
import { charText, float32Bits, trainWindowsTwice } from './helpers';

const bits = float32Bits;

test('the fused update is available on this runtime (WebAssembly SIMD)', () => {
  expect(fusedAdagradAvailable()).toBe(true);
});

/** The JavaScript step of CharLanguageModel.trainStep, written out. */
function plainStep(params: Float32Array[], grads: Float32Array[], opt: ReturnType<typeof adagrad>, clipNorm: number | undefined, clipValue: number): void {
  const norm = clipNorm ? clipByGlobalNorm(grads, clipNorm) : Infinity;
  if (clipValue && !(norm <= clipNorm! && norm <= clipValue)) clipByValue(grads, clipValue);
  opt.step(params, grads);
}

describe.each([
  // clipNorm, clipValue, gradient scale: which clippings bind
  [undefined, 0.1, 1],       // by value only, at a value float32 cannot hold exactly
  [1, 5, 1],                 // by norm (the norm is above 1), then by value (nothing above 5 after)
  [1000, 0.3, 1],            // norm within maxNorm but above the clip value: clamp only
  [1000, 5, 0.01],           // neither binds: the step skips clipping by value
  [0.5, 0.02, 3],            // both bind
] as const)('clipNorm %s, clipValue %s, gradients ×%s', (clipNorm, clipValue, gScale) => {
  test('equals clipByGlobalNorm + clipByValue + adagrad, bit for bit, over five steps', () => {
    const lengths = [7, 1, 12, 33, 2];
    const total = lengths.reduce((a, b) => a + b, 0);
    const memory = new WebAssembly.Memory({ initial: 1 });
    let at = 0;
    const take = (bytes: number) => { const a = at; at += Math.ceil(bytes / 16) * 16; return a; };
    const rng = seededRng(7);
    const fused = lengths.map((n) => ({
      param: new Float32Array(memory.buffer, take(4 * n), n),
      grad: new Float32Array(memory.buffer, take(4 * n), n),
      state: new Float64Array(memory.buffer, take(8 * n), n),
    }));
    const kernel = new FusedAdagrad(memory, take(16 * lengths.length), lengths.length);
    fused.forEach((s) => s.param.forEach((_, i) => (s.param[i] = rng() * 2 - 1)));
    const params = fused.map((s) => Float32Array.from(s.param));
    const opt = adagrad({ lr: 0.1, eps: 1e-8 });
    for (let step = 0; step < 5; step++) {
      const grads = lengths.map((n) => Float32Array.from({ length: n }, () => (rng() * 2 - 1) * gScale));
      fused.forEach((s, k) => s.grad.set(grads[k]));
      const sumSq = grads.reduce((s, g) => g.reduce((t, v) => t + v * v, s), 0);
      plainStep(params, grads, opt, clipNorm, clipValue);

      kernel.begin();
      fused.forEach((s) => kernel.add(s));
      expect(kernel.sumSquares()).toBe(sumSq);   // the same sum, in the same order
      const norm = clipNorm ? Math.sqrt(kernel.sumSquares()) : Infinity;
      const scale = clipNorm && norm > clipNorm ? clipNorm / norm : 1;
      const clip = clipValue && !(norm <= clipNorm! && norm <= clipValue) ? clipValue : Infinity;
      kernel.update(scale, clip, 0.1, 1e-8);
      fused.forEach((s, k) => {
        expect(bits(s.grad)).toEqual(bits(grads[k]));     // the clipped gradient, stored back
        expect(bits(s.param)).toEqual(bits(params[k]));
      });
    }
    expect(total).toBeGreaterThan(0);
  });
});

test('FusedAdagrad says what is wrong with its input', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const kernel = new FusedAdagrad(memory, 0, 1);
  const p = new Float32Array(memory.buffer, 64, 4), g = new Float32Array(memory.buffer, 80, 4), G = new Float64Array(memory.buffer, 96, 4);
  expect(() => kernel.add({ param: p, grad: g.subarray(0, 3), state: G })).toThrow(/expected gradient and state of length 4/);
  expect(() => kernel.add({ param: new Float32Array(4), grad: g, state: G })).toThrow(/view into the kernel's memory/);
  kernel.add({ param: p, grad: g, state: G });
  expect(() => kernel.add({ param: p, grad: g, state: G })).toThrow(/more than 1 segments/);
  expect(() => kernel.update(1, 0, 0.1, 1e-8)).toThrow(/expected clip > 0/);
});

const { chars, ids } = charText;

function build(fusedOn: boolean, cfg: Partial<ConstructorParameters<typeof CharLanguageModel>[0]> & { cell: 'rnn' | 'lstm' | 'gru' }): CharLanguageModel {
  const was = setFusedAdagrad(fusedOn);
  expect(fusedAdagradAvailable()).toBe(fusedOn);
  try {
    return new CharLanguageModel({ vocabSize: chars.length, hiddenSize: 9, seqLen: 11, seed: 3, optimizer: 'adagrad', ...cfg });
  } finally {
    setFusedAdagrad(was);
  }
}

const train = (model: CharLanguageModel) => trainWindowsTwice(model, ids);

describe.each([
  ['rnn', { clipNorm: 5, clipValue: 5 }], ['lstm', { clipNorm: 1 }], ['gru', { clipNorm: 0.5, clipValue: 0.01 }],
  ['gru', { resetAfter: true, clipValue: 0.2 }], ['lstm', { clipValue: 0 }], ['rnn', { lr: 0.3, clipNorm: 2, clipValue: 0 }],
] as const)('%s %o', (cell, cfg) => {
  test('a model trains to the same losses, weights and gradients with the fused update as with the JavaScript step', () => {
    const plain = build(false, { cell, ...cfg }), fused = build(true, { cell, ...cfg });
    expect(train(fused)).toEqual(train(plain));
    const [pp, pf] = [plain.parameters(), fused.parameters()];
    expect(pf.length).toBe(pp.length);
    pp.forEach((p, i) => expect(bits(pf[i])).toEqual(bits(p)));
    plain.gradients().forEach((g, i) => expect(bits(fused.gradients()[i])).toEqual(bits(g)));
    expect(fused.evaluate(ids).loss).toBe(plain.evaluate(ids).loss);
  });
});

test('the sum of squares is as non-finite as globalNorm\'s (the model then stops with clipByGlobalNorm\'s error)', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const kernel = new FusedAdagrad(memory, 0, 1);
  const seg = { param: new Float32Array(memory.buffer, 64, 3), grad: new Float32Array(memory.buffer, 80, 3), state: new Float64Array(memory.buffer, 96, 3) };
  for (const bad of [Infinity, -Infinity, NaN]) {
    seg.grad.set([1, bad, 2]);
    kernel.begin();
    kernel.add(seg);
    expect(kernel.sumSquares()).toBe(Math.pow(globalNorm([Float32Array.of(1, bad, 2)]), 2));
  }
});

test('other optimisers and bad clip values keep the JavaScript step (which reports the bad value)', () => {
  const model = build(true, { cell: 'rnn', clipNorm: -1 });
  expect(() => model.trainStep(ids.subarray(0, 11), ids.subarray(1, 12))).toThrow(/clipByGlobalNorm: expected maxNorm > 0, got -1/);
  const sgdModel = build(true, { cell: 'rnn', optimizer: 'sgd' });
  expect(Number.isFinite(sgdModel.trainStep(ids.subarray(0, 11), ids.subarray(1, 12)))).toBe(true);
});
