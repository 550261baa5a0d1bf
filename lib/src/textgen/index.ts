export * from './model';
export * from './generate';
export * from './perplexity';
export * from './beam';
export * from './ngram';
