/**
 * seqmodels/internals: everything the library's folders export, for the library's own code,
 * the tests and the benchmarks (`import { createWorkspace } from "seqmodels/internals"`).
 * Learners use the curated entry point `seqmodels` (index.ts; listed in lib/README.md).
 */
export * from './backend/select';
export { registerWasmTrainingKernels, setTransposeFreeMatMul } from './backend/wasm-kernels';
export { hardenKernelSockets, serializeSends } from './backend/kernel-sockets';
import { hardenKernelSockets } from './backend/kernel-sockets';

// In a notebook, queue the kernel's message sends before anything prints (see kernel-sockets.ts).
hardenKernelSockets();
export * from './env';
export * from './notebook';
export * from './scratch';
export * from './data';
export * from './plot';
export * from './layers';
export * from './train';
export * from './textgen';
export * from './forecast';
export * from './classify';
export * from './seq2seq';
export * from './compare';
