// Barrel of lib/src/scratch: re-export each module of this folder here (the package's
// internals entry re-exports every folder with `export *`; the public entry picks by name).
export type { FloatArray, FloatArrayConstructor, FloatDType, Mat } from './mat';
export {
  mat, matFrom, cloneMat, rowsOf, matmul, transpose, add, sub, mul, mapMat, sigmoid, tanh, addRowVector, columns, concatColumns,
  sumRows, addInPlace, ctorOf, dtypeOf,
} from './mat';
export { gemmNN, gemmNT, gemmTN, gemmWT, addColumnSums, transposeInto } from './fast/gemm';
export { checkShape, checkLength, checkFinite, checkIndices } from './shapes';
export { setSimdEnabled, createSimdArena, sigmoidInPlace, tanhInPlace, sigmoidRows, tanhRows, matrixKernel } from './fast/simd';
export { setRelaxedSimdEnabled, relaxedSimdAvailable } from './fast/simd-relaxed';
export type { SimdArena } from './fast/simd';
export type { CellKind, CellConfig, CellParams } from './types';
export type { CellParamsT, StepInput, StepCache, StepGradOut } from './fast/types';
export { gateCount } from './types';
export { rnnStep, rnnStepBackward } from './rnn';
export type { RnnCache, RnnStepGrads } from './rnn';
export { lstmStep, lstmStepBackward } from './lstm';
export type { LstmCache, LstmStepGrads } from './lstm';
export { gruStep, gruStepBackward } from './gru';
export type { GruCache, GruStepGrads } from './gru';
export { paramCount, checkParams, zeroParams, zerosLike, paramArrays } from './params';
export { allocStepCache, allocStepGradOut, cellStep, cellStepBackward } from './fast/cells';
export type {
  SequenceWorkspace, InitialState, ForwardOptions, ForwardResult, BackwardOptions, BackwardResult,
} from './fast/sequence';
export { createWorkspace, forwardSequence, backwardSequence, inputGradients, splitTime, stackTime } from './fast/sequence';
export { clipByGlobalNorm, clipByValue, globalNorm } from './clip';
export type { Rng, InitOptions } from './init';
export { seededRng, glorotUniform, orthogonal, zerosMat, initCellParams } from './init';
export type { PyTorchParams } from './layout';
export { toPyTorchLayout, fromPyTorchLayout } from './layout';
export type { Optimizer, SgdConfig, AdagradConfig, AdamConfig } from './optim';
export { sgd, adagrad, adam } from './optim';
export type { SoftmaxCrossEntropyResult, SoftmaxCrossEntropyOptions } from './softmax';
export { denseForward, denseBackward, softmaxCrossEntropy, softmaxProbs, perplexity } from './softmax';
export type { GradientCheckOptions, GradientCheckResult } from './gradcheck';
export { gradientCheck } from './gradcheck';
export type { StackLayer, StackForwardResult, StackBackwardOptions } from './stack';
export { checkStack, forwardStack, backwardStack } from './stack';
export type { BidirectionalParams, BidirectionalForwardResult, BidirectionalBackwardResult } from './bidirectional';
export { forwardBidirectional, backwardBidirectional } from './bidirectional';
export type { CharLanguageModelConfig, SampleOptions } from './charlm';
export { CharLanguageModel, sampleNext } from './charlm';
export { primeState, sampleAfter } from './charlm-loop';
export { setCharLMKernel, charLMKernelAvailable } from './charlm-kernel';
export { FusedAdagrad, setFusedAdagrad, fusedAdagradAvailable } from './fast/fused-adagrad';
export type { FusedSegment } from './fast/fused-adagrad';
