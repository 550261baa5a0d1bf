/**
 * Formatting of training progress: durations, rates, metric values, the progress line.
 * Pure functions, shared by the notebook and terminal views.
 */

/** Seconds as `m:ss`, or `h:mm:ss` from an hour on; `?` when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '?';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A rate in `unit`s per second: `12.3 batch/s`; below one per second it is turned
 * around, `2.50 s/batch`, which reads better for slow steps.
 */
export function formatRate(perSecond: number | undefined, unit: string): string {
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond <= 0) return `? ${unit}/s`;
  if (perSecond >= 1) return `${perSecond.toFixed(perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : 2)} ${unit}/s`;
  const s = 1 / perSecond;
  return `${s.toFixed(s >= 100 ? 0 : s >= 10 ? 1 : 2)} s/${unit}`;
}

/** A metric value: 4 decimals, or 4 significant digits when very large or small. */
export function formatMetric(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return x.toExponential(3);
  return x.toFixed(4);
}

/** A text progress bar: `[########--------]` for a fraction in [0, 1]. */
export function formatBar(fraction: number, width = 24): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

/** What the views show, computed by `ProgressTracker.snapshot()`. */
export interface ProgressSnapshot {
  /** Current epoch, 0-based (the one running, or the last one when done). */
  epoch: number;
  /** Total epochs, if known. */
  epochs?: number;
  /** Batches finished in the current epoch. */
  batchInEpoch: number;
  /** Batches per epoch, if given or learned from the first epoch. */
  batchesPerEpoch?: number;
  /** Batches finished since training began. */
  batchesDone: number;
  /** Epochs finished since training began. */
  epochsDone: number;
  /** Mean batch loss of the current epoch so far (or the last epoch's loss). */
  loss?: number;
  /** The last epoch's logs (`loss`, `val_loss`, ...). */
  lastEpochLogs: Record<string, number>;
  /** Seconds since training began. */
  elapsed: number;
  /** Steps per second, the step being a batch (or an epoch when no batch is reported). */
  rate?: number;
  rateUnit: 'batch' | 'epoch';
  /** Seconds left, if it can be estimated. */
  eta?: number;
  /** Fraction of the training done, if the total is known. */
  fraction?: number;
  /** Has training ended? */
  done: boolean;
}

/**
 * The progress line, e.g.
 * `epoch 3/20 · batch 41/50 · loss 1.2345 · val_loss 1.3120 · 12.3 batch/s · 0:42 left · 0:10 elapsed`.
 */
export function formatProgressLine(s: ProgressSnapshot): string {
  const parts: string[] = [];
  if (s.done) {
    parts.push(`done: ${s.epochsDone} epoch${s.epochsDone === 1 ? '' : 's'} in ${formatDuration(s.elapsed)}`);
  } else {
    parts.push(`epoch ${s.epoch + 1}/${s.epochs ?? '?'}`);
    if (s.batchInEpoch > 0 || s.batchesPerEpoch !== undefined) {
      parts.push(`batch ${s.batchInEpoch}/${s.batchesPerEpoch ?? '?'}`);
    }
  }
  if (s.loss !== undefined) parts.push(`loss ${formatMetric(s.loss)}`);
  for (const [k, v] of Object.entries(s.lastEpochLogs)) {
    if (k !== 'loss') parts.push(`${k} ${formatMetric(v)}`);
  }
  if (s.rate !== undefined) parts.push(formatRate(s.rate, s.rateUnit));
  if (!s.done) {
    parts.push(`${formatDuration(s.eta)} left`);
    parts.push(`${formatDuration(s.elapsed)} elapsed`);
  }
  return parts.join(' · ');
}
