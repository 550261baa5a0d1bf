/**
 * Bad input, one case per row: each must throw an error that names what was expected and
 * what was given (shape, length or value).
 */
import {
  CellConfig, adam, backwardSequence, checkShape, clipByGlobalNorm, forwardSequence, forwardStack, fromPyTorchLayout,
  mat, softmaxCrossEntropy, toPyTorchLayout, zeroParams, CharLanguageModel, sampleNext,
} from 'seqmodels/internals';
import { randMat, randParams } from './helpers';
import { seededRng } from 'seqmodels';

const lstm: CellConfig = { cell: 'lstm', inputSize: 5, hiddenSize: 6 };
const gruA: CellConfig = { cell: 'gru', inputSize: 5, hiddenSize: 6, resetAfter: true };
const random = seededRng(1);
const P = randParams(lstm, random);
const xs = (T: number, B = 3, F = 5) => Array.from({ length: T }, () => randMat(B, F, random));
const withNaN = () => { const s = xs(4); s[2].data[1 * 5 + 3] = NaN; return s; };

const CASES: [string, () => unknown, RegExp][] = [
  ['input with the wrong feature count', () => forwardSequence(lstm, P, xs(3, 3, 4)), /xs\[0\]: expected shape \[3, 5\], got \[3, 4\]/],
  ['a step with a different batch', () => forwardSequence(lstm, P, [...xs(1), ...xs(1, 2)]), /xs\[1\]: expected shape \[3, 5\], got \[2, 5\]/],
  ['empty sequence', () => forwardSequence(lstm, P, []), /expected a non-empty sequence \(seqLen >= 1\), got seqLen 0/],
  ['NaN in an input', () => forwardSequence(lstm, P, withNaN()), /xs\[2\]: expected finite values, got NaN at \[1, 3\]/],
  ['dense and one-hot steps mixed', () => forwardSequence(lstm, P, [...xs(1), Int32Array.of(0, 1, 2)]), /xs\[1\]: expected a dense matrix like xs\[0\], got one-hot indices/],
  ['Float32 inputs with Float64 weights', () => forwardSequence(lstm, P, [mat(3, 5)]), /xs\[0\]: expected Float64Array data like the weights, got Float32Array/],
  ['one-hot index out of range', () => forwardSequence(lstm, P, [Int32Array.of(1, 7)]), /expected indices in \[0, 5\), got 7 at \[1\]/],
  ['kernel for another input size', () => forwardSequence(lstm, { ...P, kernel: mat(4, 24, Float64Array) }, xs(2)), /lstm params.kernel: expected shape \[5, 24\], got \[4, 24\]/],
  ['recurrent kernel with GRU width', () => forwardSequence(lstm, { ...P, recurrentKernel: mat(6, 18, Float64Array) }, xs(2)), /lstm params.recurrentKernel: expected shape \[6, 24\], got \[6, 18\]/],
  ['bias too short', () => forwardSequence(lstm, { ...P, bias: new Float64Array(23) }, xs(2)), /lstm params.bias: expected shape \[24\], got \[23\]/],
  ['data length disagrees with shape', () => checkShape({ rows: 2, cols: 3, data: new Float32Array(5) }, 2, 3, 'm'), /m: shape \[2, 3\] needs 6 values, got 5/],
  ['reset-after GRU without recurrentBias', () => forwardSequence(gruA, zeroParams({ ...gruA, resetAfter: false }), xs(2)), /recurrentBias: expected a vector of shape \[18\], got undefined/],
  ['recurrentBias on an LSTM', () => forwardSequence(lstm, { ...P, recurrentBias: new Float64Array(24) }, xs(2)), /recurrentBias: expected none .*got shape \[24\]/],
  ['mixed Float32 and Float64 weights', () => forwardSequence(lstm, { ...P, bias: new Float32Array(24) }, xs(2)), /bias: expected Float64Array like the kernel, got Float32Array/],
  ['initial h of the wrong shape', () => forwardSequence(lstm, P, xs(2), { h: mat(3, 5) }), /initial state h0: expected shape \[3, 6\], got \[3, 5\]/],
  ['NaN in the initial c', () => { const c = mat(3, 6, Float64Array); c.data[4] = NaN; return forwardSequence(lstm, P, xs(2), { c }); }, /initial state c0: expected finite values, got NaN at \[0, 4\]/],
  ['cell state given to a GRU', () => forwardSequence(gruA, randParams(gruA, random), xs(2), { c: mat(3, 6) }), /c0: expected none \(gru has no cell state\), got shape \[3, 6\]/],
  ['unknown cell', () => forwardSequence({ ...lstm, cell: 'transformer' as never }, P, xs(2)), /cell: expected 'rnn', 'lstm' or 'gru', got "transformer"/],
  ['hidden size zero', () => forwardSequence({ ...lstm, hiddenSize: 0 }, P, xs(2)), /hiddenSize: expected a positive integer, got 0/],
  ['BPTT with too few output gradients', () => backwardSequence(forwardSequence(lstm, P, xs(3)), [null, null]), /dhs: expected 3 steps \(seqLen of the forward pass\), got 2/],
  ['output gradient of the wrong shape', () => backwardSequence(forwardSequence(lstm, P, xs(2)), [null, mat(3, 4)]), /dhs\[1\]: expected shape \[3, 6\], got \[3, 4\]/],
  ['truncation of zero steps', () => backwardSequence(forwardSequence(lstm, P, xs(2)), null, { truncate: 0 }), /truncate: expected a positive integer number of steps, got 0/],
  ['stack whose layers do not chain', () => forwardStack([{ cfg: lstm, params: P }, { cfg: lstm, params: P }], xs(2)), /stack layer 1: expected inputSize 6 \(hiddenSize of layer 0\), got 5/],
  ['PyTorch weight_hh of the wrong shape', () => fromPyTorchLayout(lstm, { ...toPyTorchLayout(lstm, P), weight_hh: mat(24, 5) }), /lstm weight_hh: expected shape \[24, 6\], got \[24, 5\]/],
  ['reset-before GRU to PyTorch', () => toPyTorchLayout({ ...gruA, resetAfter: false }, zeroParams({ ...gruA, resetAfter: false })), /expected a GRU with resetAfter: true .*got resetAfter: false/],
  ['target index outside the vocabulary', () => softmaxCrossEntropy(mat(2, 4), Int32Array.of(0, 4)), /targets: expected indices in \[0, 4\), got 4 at \[1\]/],
  ['optimizer given fewer gradients', () => adam().step([new Float32Array(3), new Float32Array(2)], [new Float32Array(3)]), /adam: expected as many gradient arrays as parameter arrays \(2\), got 1/],
  ['clipping a NaN gradient', () => clipByGlobalNorm([Float32Array.of(1, NaN)], 1), /expected a finite gradient norm, got NaN/],
  ['language model with vocabulary 1', () => new CharLanguageModel({ cell: 'rnn', vocabSize: 1 }), /vocabSize: expected an integer >= 2, got 1/],
  ['sampling with topK 0', () => sampleNext([1, 2, 3], { topK: 0 }), /topK: expected a positive integer, got 0/],
  ['sampling at temperature 0', () => sampleNext([1, 2, 3], { temperature: 0 }), /temperature: expected a finite number > 0, got 0/],
];

test.each(CASES)('%s', (_name, run, message) => {
  expect(run).toThrow(message);
});
