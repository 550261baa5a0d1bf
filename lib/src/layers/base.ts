/**
 * `FastRNN`: what the fast LSTM, GRU and SimpleRNN layers share.
 *
 * Each fast layer is a `tf.RNN` whose cell is tf.layers' own cell (`tf.layers.lstmCell`, ...), so
 * weight creation, names (`kernel`, `recurrentKernel`, `bias`), layout, initializers,
 * regularizers, `getConfig`, stateful `resetStates`, masks and output shapes are tf.layers'.
 * Only `call` differs: instead of stepping the cell with autodiff recording every op, it runs the
 * fused sequence of `sequence.ts` (one custom gradient for the whole sequence).
 *
 * Dropout, as tf.layers' cells (active only when called with `training: true`, as `model.fit`
 * does; at inference nothing is dropped and nothing is rescaled). One mask per sequence, drawn at
 * each call and shared by every time step (Gal & Ghahramani 2016), entries 0 or 1/(1 − rate):
 * - `dropout`: x_t ⊙ m_x, m_x [batch, inputSize], before the input product x_t W (all gates);
 * - `recurrentDropout`: h_{t-1} ⊙ m_h, m_h [batch, hiddenSize], where tf.layers' cells put it
 *   (sequence.ts); that case runs on the tfjs-op engine.
 * A `dropoutFunc(ones, rate)` in the options (tf.layers' own hook, used by tests) makes the masks.
 */
import * as tf from '@tensorflow/tfjs';
import { FusedCell, runSequence } from './sequence';
import { RecurrentActivation } from './ops';

/** The weights of a tf.layers recurrent cell, as the fused loop reads them. */
interface CellWeights {
  units: number;
  useBias: boolean;
  kernel: tf.LayerVariable;
  recurrentKernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  recurrentActivation?: { getClassName(): string };
  dropout?: number;
  recurrentDropout?: number;
  dropoutFunc?: (ones: tf.Tensor, rate: number) => tf.Tensor;
}

// tf.layers passes `mask`, `training` and `initialState` in kwargs (its own type is `{[key: string]: any}`).
type Kwargs = { [key: string]: any };

function activationName(a: unknown): string | undefined {
  if (a === undefined || a === null) return undefined;
  if (typeof a === 'string') return a;
  const named = a as { getClassName?: () => string };
  return typeof named.getClassName === 'function' ? named.getClassName() : String(a);
}

/**
 * Check the options a fast layer is given; throws an error that names the option, the value and
 * what to do instead. `recurrent` is true for layers with a recurrent activation (LSTM, GRU).
 */
export function checkFastOptions(layer: string, tfName: string, args: Record<string, unknown>, recurrent: boolean): void {
  const units = args.units;
  if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) {
    throw new Error(`${layer}: units (hiddenSize) must be a positive integer, got ${JSON.stringify(units)}`);
  }
  const act = activationName(args.activation);
  if (act !== undefined && act !== 'tanh') {
    throw new Error(`${layer}: activation '${act}' is not supported (the fused layer implements 'tanh' only); use ${tfName} for other activations`);
  }
  if (recurrent) {
    const ra = activationName(args.recurrentActivation);
    if (ra !== undefined && ra !== 'sigmoid' && ra !== 'hardSigmoid') {
      throw new Error(`${layer}: recurrentActivation '${ra}' is not supported: use 'sigmoid' (the default) or 'hardSigmoid' (tf.layers' default)`);
    }
  } else if (args.recurrentActivation !== undefined) {
    throw new Error(`${layer}: a SimpleRNN has no recurrentActivation (h_t = tanh(x_t W + h_{t-1} U + b))`);
  }
  for (const key of ['dropout', 'recurrentDropout'] as const) {
    const v = args[key];
    if (v !== undefined && v !== null && !(typeof v === 'number' && v >= 0 && v < 1)) {
      throw new Error(`${layer}: ${key} is the fraction of units dropped, a number in [0, 1), got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`);
    }
  }
  if (args.resetAfter !== undefined && tfName !== 'tf.layers.gru') {
    throw new Error(`${layer}: resetAfter is an option of the GRU only (${tfName} has no reset gate); remove it`);
  }
}

/** A dropout mask of `shape`: entries 0 (probability `rate`) or 1/(1 − rate), as tf.layers. */
function dropoutMask(cell: CellWeights, shape: number[], rate: number): tf.Tensor2D {
  const ones = tf.ones(shape);
  const mask = cell.dropoutFunc ? cell.dropoutFunc(ones, rate) : tf.dropout(ones, rate);
  if (mask.shape.join() !== shape.join()) {
    throw new Error(`dropoutFunc must return a mask of shape [${shape}] (the shape of its first argument), got [${mask.shape}]`);
  }
  return mask as tf.Tensor2D;
}

/** Base class of the fast layers; subclasses supply the fused cell. */
export abstract class FastRNN extends tf.RNN {
  /** The fused step (forward and backward) for this layer's cell type. */
  protected abstract fusedCell(kind: RecurrentActivation): FusedCell<unknown>;

  private fusedCache: FusedCell<unknown> | null = null;
  /** The last call's inputs and outputs (see `repeatedCall`). */
  private lastCall: { key: unknown[]; outputs: tf.Tensor[] } | null = null;

  /** The recurrent bias bʰ of a cell that has one (the reset-after GRU), else null. */
  protected recurrentBias(): tf.Tensor1D | null {
    return null;
  }

  private fused(): FusedCell<unknown> {
    if (this.fusedCache === null) {
      const ra = (this.cell as unknown as CellWeights).recurrentActivation?.getClassName() ?? 'sigmoid';
      this.fusedCache = this.fusedCell(ra as RecurrentActivation);
    }
    return this.fusedCache;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      let mask: tf.Tensor | tf.Tensor[] | null | undefined = kwargs == null ? null : kwargs['mask'];
      if (Array.isArray(mask)) mask = mask[0];
      const training = kwargs == null ? null : kwargs['training'];
      let initialState: tf.Tensor | tf.Tensor[] | null | undefined = kwargs == null ? null : kwargs['initialState'];
      let x: tf.Tensor;
      if (Array.isArray(inputs)) {
        x = inputs[0];
        if (initialState == null && inputs.length > 1) initialState = inputs.slice(1);
      } else {
        x = inputs;
      }
      const where = `${this.getClassName()} '${this.name}'`;
      if (x.isDisposed) throw new Error(`${where}: the input tensor (shape [${x.shape}]) has been disposed: pass a live tensor`);
      if (x.rank !== 3) {
        throw new Error(`${where}: input must be [batch, time, features], got shape [${x.shape}]`);
      }
      if (x.shape[0] === 0 || x.shape[1] === 0) {
        throw new Error(`${where}: input [batch, time, features] = [${x.shape}] is empty: it needs at least one sequence (batch) of at least one step (time)`);
      }
      for (const t of [...(Array.isArray(inputs) ? inputs.slice(1) : []), ...(Array.isArray(initialState) ? initialState : initialState ? [initialState] : [])]) {
        if (t.isDisposed) throw new Error(`${where}: an initial state tensor (shape [${t.shape}]) has been disposed: pass a live tensor`);
      }
      const cell = this.cell as unknown as CellWeights;
      const fused = this.fused();
      const [batch, time] = x.shape;
      const H = cell.units;
      let states: tf.Tensor2D[];
      if (initialState != null) {
        states = (Array.isArray(initialState) ? initialState : [initialState]) as tf.Tensor2D[];
      } else if (this.stateful && this.states_ != null) {
        states = this.states_ as tf.Tensor2D[];
      } else {
        states = [];
        for (let i = 0; i < fused.stateCount; i++) states.push(tf.zeros([batch, H]));
      }
      if (states.length !== fused.stateCount) {
        throw new Error(`${this.getClassName()} '${this.name}' has ${fused.stateCount} state(s) but was passed ${states.length} initial state(s)`);
      }
      for (const s of states) {
        if (s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== H) {
          throw new Error(`${this.getClassName()} '${this.name}': initial state must be [batch, hiddenSize] = [${batch}, ${H}], got [${s.shape}]`);
        }
      }
      const kernel = cell.kernel.read() as tf.Tensor2D;
      const recurrentKernel = cell.recurrentKernel.read() as tf.Tensor2D;
      const bias = cell.useBias && cell.bias ? (cell.bias.read() as tf.Tensor1D) : tf.zeros([fused.gates * H]).as1D();
      // Dropout (training only): one mask per sequence, shared by all steps.
      let xIn = x.toFloat() as tf.Tensor3D;
      let recurrentMask: tf.Tensor2D | null = null;
      if (training === true) {
        const rate = cell.dropout ?? 0;
        if (rate > 0 && rate < 1) {
          const mx = dropoutMask(cell, [batch, x.shape[2] as number], rate); // [batch, inputSize]
          xIn = tf.mul(xIn, tf.expandDims(mx, 1)) as tf.Tensor3D; // the same m_x at every step
        }
        const recRate = cell.recurrentDropout ?? 0;
        if (recRate > 0 && recRate < 1) recurrentMask = dropoutMask(cell, [batch, H], recRate); // [batch, hiddenSize]
      }
      const recurrentBias = fused.recurrentBias ? (this.recurrentBias() ?? tf.zeros([fused.gates * H]).as1D()) : null;
      // tf.layers' graph executor applies a layer once per output that later layers read: an
      // encoder LSTM whose h and c both feed a decoder ran twice per batch. The same call again
      // (same tensors, weights, mask, gradient tape; no random dropout masks) returns copies of
      // the first call's outputs instead.
      const random = training === true && ((cell.dropout ?? 0) > 0 || (cell.recurrentDropout ?? 0) > 0);
      // A tensor is the same value while its dataId is (variables change it on assign).
      const id = (t: unknown) => (t instanceof tf.Tensor ? (t as unknown as { dataId: object }).dataId : t);
      const key = this.stateful || random ? null : [
        x, ...(initialState != null ? states : ['zero states']), mask, kernel, recurrentKernel, bias, recurrentBias,
      ].map(id).concat([x.shape.join(), x.dtype, training, (tf.engine() as unknown as { state: { activeTape: unknown } }).state.activeTape]);
      const last = this.lastCall;
      if (key && last && last.key.length === key.length && last.key.every((k, i) => k === key[i]) && !last.outputs.some((t) => t.isDisposed)) {
        const copies = last.outputs.map((t) => tf.clone(t));
        return this.returnState ? copies : copies[0];
      }
      const all = runSequence(fused, xIn, states, kernel, recurrentKernel, bias, {
        goBackwards: this.goBackwards,
        mask: (mask as tf.Tensor | null | undefined) ?? null,
        recurrentMask,
        recurrentBias,
      }); // [batch, time (+1 for LSTM's c_T), hiddenSize]

      // The final states are sliced out only when something reads them (each slice of a
      // [batch, time, hiddenSize] tensor is a copy: about 1 ms at batch 32, 64 steps, 192 units).
      const finalStates: tf.Tensor2D[] = [];
      if (this.returnState || this.stateful || !this.returnSequences) {
        finalStates.push(tf.reshape(tf.slice(all, [0, time - 1, 0], [batch, 1, H]), [batch, H]) as tf.Tensor2D);
        if (fused.stateCount === 2) {
          finalStates.push(tf.reshape(tf.slice(all, [0, time, 0], [batch, 1, H]), [batch, H]) as tf.Tensor2D);
        }
      }
      let output: tf.Tensor;
      if (this.returnSequences) output = fused.stateCount === 2 ? tf.slice(all, [0, 0, 0], [batch, time, H]) : all;
      else output = finalStates[0];
      if (this.stateful) this.resetStates(finalStates, training === true);
      const outputs = this.returnState ? [output, ...finalStates] : [output];
      this.lastCall = key ? { key, outputs } : null;
      return this.returnState ? outputs : output;
    });
  }

  /** Rebuild from `getConfig()` (used by model loading and tf.layers.bidirectional). */
  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}
