export * from './fit';
export * from './modelio';
export { epochPermutation } from './shuffle';
export * from './optimizer';
export { sparseCategoricalCrossentropy, useFusedLoss, tfLayersLoss, lossFunctionsOf } from './loss';
export { warmdown, scheduleLearningRate } from './schedule';
export type { WarmdownConfig } from './schedule';
export { earlyStopping } from './early-stopping';
export type { EarlyStopping, EarlyStoppingConfig } from './early-stopping';
