/**
 * The character model's output layer in WebAssembly (scratch/charlm-kernel.ts) against the
 * JavaScript path it replaces: the same losses and weights, bit for bit, for every cell and
 * optimiser, with sizes that leave remainders in every loop (hidden size not a multiple of 4, an
 * odd vocabulary) and a last window shorter than seqLen. And the Adagrad/SGD update, which skips
 * the kernel rows of characters a window does not read, against the full update written out.
 */
import {
  CharLanguageModel, charLMKernelAvailable, clipByGlobalNorm, clipByValue, setCharLMKernel,
} from 'seqmodels/internals';
import { charText, float32Bits, trainWindowsTwice } from './helpers';

const { chars, ids } = charText;

type Opt = 'adagrad' | 'adam' | 'sgd';
function build(kernel: boolean, cell: 'rnn' | 'lstm' | 'gru', optimizer: Opt, hiddenSize: number, resetAfter = false) {
  const was = setCharLMKernel(kernel);
  expect(charLMKernelAvailable()).toBe(kernel);   // the comparison is between the two paths
  try {
    return new CharLanguageModel({ cell, resetAfter, vocabSize: chars.length, hiddenSize, seqLen: 11, optimizer, clipNorm: 1, seed: 4 });
  } finally {
    setCharLMKernel(was);
  }
}

const train = (model: CharLanguageModel) => trainWindowsTwice(model, ids);

const bits = float32Bits;

test('the kernel is available on this runtime (WebAssembly SIMD)', () => {
  expect(charLMKernelAvailable()).toBe(true);
});

describe.each([
  ['rnn', 'adagrad', 13, false], ['lstm', 'adagrad', 10, false], ['gru', 'adagrad', 9, false],
  ['gru', 'adagrad', 8, true], ['lstm', 'adam', 7, false], ['rnn', 'sgd', 16, false],
] as const)('%s, %s, hidden size %d (resetAfter %s)', (cell, optimizer, hiddenSize, resetAfter) => {
  test('the WebAssembly output layer trains to the same losses and weights as the JavaScript one, bit for bit', () => {
    const js = build(false, cell, optimizer, hiddenSize, resetAfter);
    const wasm = build(true, cell, optimizer, hiddenSize, resetAfter);
    expect(train(wasm)).toEqual(train(js));
    const [pj, pw] = [js.parameters(), wasm.parameters()];
    expect(pw.length).toBe(pj.length);
    pj.forEach((p, i) => expect(bits(pw[i])).toEqual(bits(p)));
    expect(wasm.evaluate(ids).loss).toBe(js.evaluate(ids).loss);
  });
});

test.each(['adagrad', 'sgd'] as const)('%s: the update of the rows a window reads equals the full update written out', (optimizer) => {
  for (const kernel of [false, true]) {
    const model = build(kernel, 'lstm', optimizer, 6);
    const reference = build(kernel, 'lstm', optimizer, 6);
    const T = model.cfg.seqLen;
    for (let p = 0; p + T < ids.length; p += T) {
      const x = ids.subarray(p, p + T), y = ids.subarray(p + 1, p + 1 + T);
      const loss = model.trainStep(x, y);
      expect(reference.lossAndGradients(x, y)).toBe(loss);
      const grads = reference.gradients();
      clipByGlobalNorm(grads, 1);
      clipByValue(grads, reference.cfg.clipValue);
      reference.optimizer.step(reference.parameters(), grads);
    }
    reference.parameters().forEach((p, i) => expect(bits(model.parameters()[i])).toEqual(bits(p)));
  }
});

test('a float64 model keeps the JavaScript path (the kernel is float32)', () => {
  const model = new CharLanguageModel({ cell: 'rnn', vocabSize: chars.length, hiddenSize: 5, dtype: 'float64' });
  expect(model.parameters().every((a) => a instanceof Float64Array)).toBe(true);
  expect(Number.isFinite(model.trainStep(ids.subarray(0, 5), ids.subarray(1, 6)))).toBe(true);
});
