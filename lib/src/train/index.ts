export * from './fit';
export * from './modelio';
export { epochPermutation, mulberry32 } from './shuffle';
