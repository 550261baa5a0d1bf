/**
 * Live training progress, driven by callbacks.
 *
 * The object has the callback shape of `tf.LayersModel.fit` (`onTrainBegin`,
 * `onEpochBegin`, `onBatchEnd`, `onEpochEnd`, `onTrainEnd`), its methods are bound (tf
 * calls them detached), and a course training loop can call them directly:
 *
 *   const progress = trainingProgress({ epochs: 20, title: 'LSTM, Moby Dick' });
 *   await model.fit(x, y, { epochs: 20, batchSize: 64, validationSplit: 0.1, callbacks: progress });
 *
 *   for (let epoch = 0; epoch < epochs; epoch++) {
 *     for (let b = 0; b < batches; b++) { ...; await progress.onBatchEnd(b, { loss }); }
 *     await progress.onEpochEnd(epoch, { loss: trainLoss, val_loss: valLoss });
 *   }
 *
 * Where it shows, chosen automatically: in a tslab notebook, one output overwritten in
 * place (progress line and learning curve); in a terminal, a `\r` progress bar; in a log
 * (stdout not a TTY), a line every 10 s. Updates are throttled to one per `intervalMs`,
 * and the final state is always shown (after the last epoch, or at `onTrainEnd`).
 *
 * `await` the calls in a synchronous loop: after an update they yield to the event loop
 * once, which is when tslab actually sends the output to the notebook.
 */
import type { TrainCallbacks } from '../../train/fit';
import { displayTarget } from '../display';
import { ProgressSnapshot } from './format';
import { NotebookView } from './notebook-view';
import { Logs, ProgressTracker } from './tracker';
import { LogView, ProgressView, SilentView, TerminalView, TextOut } from './views';

export interface TrainingProgressOptions {
  /** Total epochs, for the bar and the time left. Default: unknown. */
  epochs?: number;
  /**
   * Batches per epoch. Default: ceil(samples / batchSize) when both are given (tf.fit does
   * not tell plain callback objects), else learned when the first epoch ends.
   */
  batchesPerEpoch?: number;
  /** Training samples per epoch (after any validation split), to compute batchesPerEpoch. */
  samples?: number;
  /** Batch size, to compute batchesPerEpoch. */
  batchSize?: number;
  /** A title shown with the progress. Default: none. */
  title?: string;
  /** Where to show it: 'auto' (notebook, else terminal if stdout is a TTY, else log), a view name, or a view. */
  view?: 'auto' | 'notebook' | 'terminal' | 'log' | 'none' | ProgressView;
  /** Minimum milliseconds between two updates. Default 500. */
  intervalMs?: number;
  /** Notebook: draw the learning curve. Default true. */
  chart?: boolean;
  /** Notebook: epoch logs drawn on the curve. Default: every key containing "loss". */
  metrics?: string[];
  /** Notebook: chart height in pixels. Default 300. */
  height?: number;
  /** Terminal and log views write here. Default process.stdout. */
  out?: TextOut;
  /** Clock in milliseconds, for tests. Default Date.now. */
  now?: () => number;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A progress display is a set of training callbacks: `trainModel` (and tf.layers' `model.fit`)
 * call it, and it draws. The training code itself never draws.
 */
export class TrainingProgress implements TrainCallbacks {
  readonly tracker: ProgressTracker;
  readonly view: ProgressView;
  private readonly clock: () => number;
  private readonly intervalMs: number;
  private lastRenderMs = -Infinity;
  private closed = false;
  private trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: TrainingProgressOptions = {}) {
    this.clock = opts.now ?? Date.now;
    this.intervalMs = opts.intervalMs ?? 500;
    const fromSamples = opts.samples !== undefined && opts.batchSize !== undefined && opts.batchSize > 0
      ? Math.ceil(opts.samples / opts.batchSize) : undefined;
    this.tracker = new ProgressTracker(opts.epochs, opts.batchesPerEpoch ?? fromSamples, this.clock);
    this.view = this.chooseView(opts);
  }

  private chooseView(opts: TrainingProgressOptions): ProgressView {
    const choice = opts.view ?? 'auto';
    if (typeof choice === 'object') return choice;
    const out = opts.out ?? process.stdout;
    const target = displayTarget();
    const kind = choice !== 'auto' ? choice : target ? 'notebook' : out.isTTY ? 'terminal' : 'log';
    switch (kind) {
      case 'notebook':
        if (!target) throw new Error("trainingProgress: view 'notebook' asked for, but this is not a tslab notebook");
        return new NotebookView(target,
          { title: opts.title, chart: opts.chart ?? true, metrics: opts.metrics, height: opts.height ?? 300 },
          this.tracker.snapshot());
      case 'terminal': return new TerminalView(out, opts.title);
      case 'log': return new LogView(out, opts.title, this.clock);
      default: return new SilentView();
    }
  }

  /** The current state (for tests and custom displays). */
  snapshot(): ProgressSnapshot {
    return this.tracker.snapshot();
  }

  /**
   * `trainModel` passes `{ epochs, batchesPerEpoch }`: they fill in what the options left out
   * (tf.layers' fit passes logs instead, which carry neither).
   */
  onTrainBegin = async (info?: Logs | { epochs?: number; batchesPerEpoch?: number }): Promise<void> => {
    const given = (info ?? {}) as { epochs?: unknown; batchesPerEpoch?: unknown };
    if (this.tracker.epochs === undefined && typeof given.epochs === 'number') this.tracker.epochs = given.epochs;
    if (this.tracker.batchesPerEpoch === undefined && typeof given.batchesPerEpoch === 'number') this.tracker.batchesPerEpoch = given.batchesPerEpoch;
    this.tracker.trainBegin();
  };

  onEpochBegin = async (epoch: number, _logs?: Logs): Promise<void> => {
    this.tracker.epochBegin(epoch);
  };

  onBatchEnd = async (batch: number | undefined, logs?: Logs): Promise<void> => {
    this.tracker.batchEnd(batch, logs);
    await this.update(false);
  };

  onEpochEnd = async (epoch: number, logs?: Logs): Promise<void> => {
    this.tracker.epochEnd(epoch, logs);
    await this.update(this.tracker.done);
  };

  onTrainEnd = async (_logs?: Logs): Promise<void> => {
    this.tracker.trainEnd();
    await this.update(true);
  };

  /** Show the current state now, throttled unless `force`. Returns after yielding once if it rendered. */
  private async update(force: boolean): Promise<void> {
    if (!this.renderIfDue(force)) return;
    await yieldToEventLoop();
  }

  private renderIfDue(force: boolean): boolean {
    if (this.closed) return false;
    const now = this.clock();
    if (!force && now - this.lastRenderMs < this.intervalMs) {
      this.scheduleTrailing(now);
      return false;
    }
    this.clearTrailing();
    this.lastRenderMs = now;
    const s = this.tracker.snapshot();
    this.view.render(s, this.tracker);
    if (s.done) this.closed = true;
    return true;
  }

  /**
   * A skipped update is shown when the interval has passed, even if no callback comes
   * (a long validation pass after the last batch). The timer does not keep Node alive.
   */
  private scheduleTrailing(now: number): void {
    if (this.trailing !== undefined) return;
    const wait = Math.max(0, this.lastRenderMs + this.intervalMs - now);
    this.trailing = setTimeout(() => {
      this.trailing = undefined;
      this.renderIfDue(true);
    }, wait);
    (this.trailing as { unref?: () => void }).unref?.();
  }

  private clearTrailing(): void {
    if (this.trailing !== undefined) clearTimeout(this.trailing);
    this.trailing = undefined;
  }
}

/** A live progress display for a training run; pass it as `callbacks` or call its methods. */
export function trainingProgress(opts: TrainingProgressOptions = {}): TrainingProgress {
  return new TrainingProgress(opts);
}
