// Barrel of lib/src/layers: re-export each public module of this folder here.
export { FastLSTM, fastLstm, lstmFusedCell } from './lstm';
export type { FastLSTMArgs } from './lstm';
export { FastGRU, fastGru, gruFusedCell } from './gru';
export type { FastGRUArgs } from './gru';
export { FastSimpleRNN, fastSimpleRnn, simpleRnnFusedCell } from './simple_rnn';
export type { FastSimpleRNNArgs } from './simple_rnn';
export { FastRNN, checkFastOptions } from './base';
export { recurrentLayer } from './recurrent';
// Registered under tf.layers' name 'Orthogonal': the default recurrent initializer, computed fast.
export { Orthogonal } from './orthogonal';
export type { OrthogonalArgs } from './orthogonal';
export type { RecurrentLayerOptions } from './recurrent';
export { checkOptionNames, RENAMED_OPTIONS } from './vocabulary';
export { runSequence } from './sequence';
export type { FusedCell, SequenceOptions } from './sequence';
export type { RecurrentActivation } from './ops';
export { setSequenceEngine, activeSequenceEngine } from './simd-engine';
export type { SequenceEngine } from './simd-engine';
export { setSequenceThreads, sequenceThreads, rowBlocks } from './simd-engine';
export { seededDropout } from './dropout';
export type { DropoutFunc } from './dropout';
import { installInputChecks } from './input-checks';
// Clear errors for disposed or empty inputs of model.predict / evaluate (see input-checks.ts).
installInputChecks();
