// Barrel of lib/src/compare (notebook 08, theory chapter 04): long-lag memory tasks, a
// from-scratch model for them, gradient norms against the lag, throughput, time-budget curves.
export type { RecallTaskConfig, RecallTask, AddingTaskConfig, AddingTask } from './tasks';
export { recallTask, addingProblem } from './tasks';
export type { GradientNormsResult } from './gradnorm';
export { gradientNormsByLag, gradientNormsForSequence, meanRowNorm } from './gradnorm';
export type { MemoryTaskKind, MemoryModelConfig, MemoryScore, MemoryTrainOptions, MemoryTrainResult } from './memory';
export { MemoryModel, trainMemoryModel } from './memory';
export type { ThroughputOptions, ThroughputResult } from './throughput';
export { measureThroughput } from './throughput';
export type { TimedValidationOptions, TimedValidation } from './timecurve';
export { timedValidation } from './timecurve';
