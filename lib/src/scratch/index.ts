// Barrel of lib/src/scratch: re-export each public module of this folder here.
// Names are explicit because lib/src/index.ts re-exports every folder with `export *`,
// where two folders exporting one name would clash; generic helpers carry a prefix.
export type { FloatArray, FloatArrayConstructor, FloatDType, Mat } from './mat';
export { mat, matFrom, cloneMat, matRow, matToArrays, matmul, gemmNN, gemmNT, gemmTN, gemmWT, addColumnSums, transposeInto, ctorOf, dtypeOf } from './mat';
export { checkShape, checkLength, checkFinite, checkIndices } from './shapes';
export { setSimdEnabled, createSimdArena, sigmoidInPlace, tanhInPlace, sigmoidRows, tanhRows } from './simd';
export type { SimdArena } from './simd';
export type { CellKind as ScratchCellKind, CellConfig, CellParams, CellParamsT, StepInput, StepCache, StepGradOut } from './types';
export { gateCount } from './types';
export { rnnStep, rnnStepBackward } from './rnn';
export { lstmStep, lstmStepBackward } from './lstm';
export { gruStep, gruStepBackward } from './gru';
export {
  paramCount, checkParams, zeroParams, zerosLike, paramArrays, allocStepCache, allocStepGradOut, cellStep, cellStepBackward,
} from './cells';
export type {
  SequenceWorkspace, InitialState, ForwardOptions, ForwardResult, BackwardOptions, BackwardResult,
} from './sequence';
export { createWorkspace, forwardSequence, backwardSequence, splitTime, stackTime } from './sequence';
export { clipByGlobalNorm, clipByValue, globalNorm } from './clip';
export type { Rng, InitOptions } from './init';
export { seededRng, glorotUniform, orthogonal, zerosMat, initCellParams } from './init';
export type { PyTorchParams } from './layout';
export { toPyTorchLayout, fromPyTorchLayout } from './layout';
export type { Optimizer, SgdConfig, AdagradConfig, AdamConfig } from './optim';
export { sgd, adagrad, adam } from './optim';
export type { SoftmaxCrossEntropyResult, SoftmaxCrossEntropyOptions } from './softmax';
export { denseForward, denseBackward, softmaxCrossEntropy, softmaxProbs } from './softmax';
export type { GradientCheckOptions, GradientCheckResult } from './gradcheck';
export { gradientCheck } from './gradcheck';
export type { StackLayer, StackForwardResult, StackBackwardOptions } from './stack';
export { checkStack, forwardStack, backwardStack } from './stack';
export type { BidirectionalParams, BidirectionalForwardResult, BidirectionalBackwardResult } from './bidirectional';
export { forwardBidirectional, backwardBidirectional } from './bidirectional';
export type { CharLanguageModelConfig, SampleOptions } from './charlm';
export { CharLanguageModel, perplexity, sampleNext } from './charlm';
export { primeState, sampleAfter } from './charlm-loop';
