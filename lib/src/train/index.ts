export * from './fit';
export * from './modelio';
export { epochPermutation } from './shuffle';
export * from './optimizer';
export { sparseCategoricalCrossentropy, useFusedLoss } from './loss';
