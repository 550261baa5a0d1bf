// Barrel of lib/src/seq2seq: tasks, encoding, encoder-decoder builders, attention, decoding, training.
export * from './tasks';
export * from './codec';
export * from './attention';
export * from './model';
export * from './decode';
export * from './beam';
export * from './fit';
export * from './tagging';
