export * from './fit';
export * from './modelio';
export { trainCharLM } from './charlm';
export type { CharLMLoopOptions, CharLMLoopResult } from './charlm';
export { epochPermutation } from './shuffle';
export * from './optimizer';
export { sparseCategoricalCrossentropy, useFusedLoss, tfLayersLoss, lossFunctionsOf } from './loss';
export { warmdown, scheduleLearningRate } from './schedule';
export type { WarmdownConfig } from './schedule';
