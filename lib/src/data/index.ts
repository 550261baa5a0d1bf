// Barrel of lib/src/data: dataset registry, download/cache/mirror, loaders, and
// text and time-series preprocessing. See datasets/README.md.
export * from './errors';
export * from './registry';
export * from './progress';
export { fetchDataset, cacheDir, mirrorDir } from './io/fetch';
export type { FetchOptions } from './io/fetch';
export { readRegistry, sha256File } from './io/files';
export * from './csv';
export * from './dates';
export * from './fill';
export { dateLabels, toDataFrame } from './frame';
export * from './loaders/read';
export * from './loaders/text';
export * from './loaders/imdb';
export * from './loaders/series-frame';
export * from './loaders/weather';
export * from './loaders/classic';
export * from './text/char-vocab';
export * from './text/tokenize';
export * from './text/vocabulary';
export * from './text/padding';
export * from './text/lm-batches';
export * from './series/table';
export * from './series/split';
export * from './series/scaler';
export * from './series/windows';
