// Barrel of lib/src/classify: sentiment classifiers (notebook 07) and what evaluating them needs.
export * from './metrics';
export * from './pca';
export { MaskedMeanPooling, maskedMeanPooling } from './pooling';
export { buildSentimentModel, sentimentDefaults } from './models';
export type { SentimentModelConfig, SentimentModelKind } from './models';
export { encodeReviews, predictProbabilities, predictSentiment, embeddingRows } from './predict';
export type { EncodeOptions, SentencePrediction } from './predict';
