// Barrel of lib/src/scratch: re-export each public module of this folder here.
export * from './mat';
export * from './shapes';
export * from './types';
export * from './rnn';
export * from './lstm';
export * from './gru';
export * from './cells';
export * from './sequence';
export * from './clip';
export * from './init';
export * from './layout';
export * from './optim';
export * from './softmax';
export * from './gradcheck';
