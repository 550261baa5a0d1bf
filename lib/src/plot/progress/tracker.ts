/**
 * The state of a training run as reported through callbacks: where it is, how fast it
 * goes, how long is left, and the losses seen so far. No display here (see the views).
 *
 * Rate and time left are averages over the whole run: rate = batches done / elapsed
 * seconds; time left = batches left / rate, with batches left = epochs × batches per
 * epoch − batches done. Batches per epoch are given or learned when the first epoch
 * ends (before that, time left is unknown unless they were given). A loop that reports
 * only epochs gets an epoch rate and time left = epochs left × seconds per epoch.
 */
import { ProgressSnapshot } from './format';

/** Logs as tf.LayersModel.fit passes them (numbers) or a course loop does. */
export type Logs = Record<string, number | undefined>;

/** A batch loss on the timeline. */
export interface BatchPoint { epoch: number; batch: number; loss: number }

export class ProgressTracker {
  /** Batches finished in each epoch, index = epoch. */
  private batchesIn: number[] = [];
  private startMs: number;
  private currentEpoch = 0;
  private epochLossSum = 0;
  private epochLossCount = 0;
  private finished = false;
  /** Batch losses in order. */
  readonly batchLosses: BatchPoint[] = [];
  /** Epoch logs in order, with their epoch. */
  readonly epochLogs: Array<{ epoch: number; logs: Record<string, number> }> = [];
  batchesDone = 0;
  epochsDone = 0;

  constructor(
    /** Total epochs, if known (set once by the loop's `onTrainBegin` when not given). */
    public epochs: number | undefined,
    /** Batches per epoch, if known; learned after the first epoch otherwise. */
    public batchesPerEpoch: number | undefined,
    /** Clock in milliseconds. */
    private readonly clock: () => number,
  ) {
    this.startMs = clock();
  }

  /** Training starts now (tf.fit calls this; a course loop may skip it: the clock then starts at construction). */
  trainBegin(): void {
    this.startMs = this.clock();
  }

  epochBegin(epoch: number): void {
    this.currentEpoch = epoch;
    this.epochLossSum = 0;
    this.epochLossCount = 0;
  }

  /** A batch finished. `batch` is its 0-based index in the epoch (counted if omitted). */
  batchEnd(batch: number | undefined, logs: Logs = {}): void {
    const e = this.currentEpoch;
    const index = batch ?? (this.batchesIn[e] ?? 0);
    this.batchesIn[e] = Math.max(this.batchesIn[e] ?? 0, index + 1);
    this.batchesDone += 1;
    const loss = logs.loss;
    if (typeof loss === 'number' && Number.isFinite(loss)) {
      this.epochLossSum += loss;
      this.epochLossCount += 1;
      this.batchLosses.push({ epoch: e, batch: index, loss });
    }
  }

  /** An epoch finished, with its logs (`loss`, `val_loss`, ...). */
  epochEnd(epoch: number, logs: Logs = {}): void {
    const clean: Record<string, number> = {};
    for (const [k, v] of Object.entries(logs)) if (typeof v === 'number') clean[k] = v;
    this.epochLogs.push({ epoch, logs: clean });
    this.epochsDone += 1;
    if (this.batchesPerEpoch === undefined && (this.batchesIn[epoch] ?? 0) > 0) {
      this.batchesPerEpoch = this.batchesIn[epoch];
    }
    // The next epoch begins unless someone says otherwise (loops need not call epochBegin).
    this.epochBegin(epoch + 1);
  }

  /** Batches finished in an epoch so far. */
  batchesInEpoch(epoch: number): number {
    return this.batchesIn[epoch] ?? 0;
  }

  trainEnd(): void {
    this.finished = true;
  }

  /** Has the last epoch ended (or trainEnd been called)? */
  get done(): boolean {
    return this.finished || (this.epochs !== undefined && this.epochsDone >= this.epochs);
  }

  snapshot(): ProgressSnapshot {
    const elapsed = Math.max(0, (this.clock() - this.startMs) / 1000);
    const done = this.done;
    const last = this.epochLogs.length > 0 ? this.epochLogs[this.epochLogs.length - 1].logs : {};
    const running = this.epochLossCount > 0 ? this.epochLossSum / this.epochLossCount : undefined;
    const epoch = done ? Math.max(0, this.epochsDone - 1) : this.currentEpoch;
    const byBatch = this.batchesDone > 0;
    const stepsDone = byBatch ? this.batchesDone : this.epochsDone;
    const rate = elapsed > 0 && stepsDone > 0 ? stepsDone / elapsed : undefined;
    let total: number | undefined;
    if (this.epochs !== undefined) {
      if (!byBatch) total = this.epochs;
      else if (this.batchesPerEpoch !== undefined) total = this.epochs * this.batchesPerEpoch;
    }
    let eta: number | undefined;
    if (done) eta = 0;
    else if (total !== undefined && rate !== undefined) eta = Math.max(0, total - stepsDone) / rate;
    let fraction: number | undefined;
    if (done) fraction = 1;
    else if (total !== undefined) fraction = Math.min(1, stepsDone / total);
    else if (this.epochs !== undefined) fraction = this.epochsDone / this.epochs;
    return {
      epoch,
      epochs: this.epochs,
      batchInEpoch: done ? 0 : this.batchesIn[this.currentEpoch] ?? 0,
      batchesPerEpoch: this.batchesPerEpoch,
      batchesDone: this.batchesDone,
      epochsDone: this.epochsDone,
      loss: done || running === undefined ? last.loss ?? running : running,
      lastEpochLogs: last,
      elapsed,
      rate,
      rateUnit: byBatch ? 'batch' : 'epoch',
      eta,
      fraction,
      done,
    };
  }
}
