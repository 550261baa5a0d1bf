/**
 * Training throughput: time steps processed per second (`batchSize · seqLen` per training step),
 * measured against the wall clock for a fixed time budget after a few warm-up calls.
 * Theory: theory/04_comparing_rnn_lstm_gru.md, Section 3 "From formulas to seconds".
 */

export interface ThroughputOptions {
  /** Time steps one call processes (batchSize · seqLen). */
  stepsPerCall: number;
  /** Measure for this many milliseconds (at least `minCalls` calls). Default 2000. */
  budgetMs?: number;
  /** Untimed calls first (kernel compilation, allocation, JIT). Default 1. */
  warmupCalls?: number;
  /** At least this many timed calls. Default 2. */
  minCalls?: number;
  /** Clock in milliseconds, for tests. Default performance.now. */
  now?: () => number;
}

export interface ThroughputResult {
  /** Time steps per second over the timed calls. */
  stepsPerSecond: number;
  /** Timed calls. */
  calls: number;
  /** Seconds the timed calls took. */
  seconds: number;
  /** Seconds of the first warm-up call (includes compilation), or 0 without warm-up. */
  warmupSeconds: number;
}

/** Call `trainStep` repeatedly and report time steps per second (see ThroughputOptions). */
export async function measureThroughput(trainStep: () => unknown | Promise<unknown>, opts: ThroughputOptions): Promise<ThroughputResult> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? 2000;
  const minCalls = opts.minCalls ?? 2;
  if (!(opts.stepsPerCall > 0)) throw new Error(`measureThroughput: stepsPerCall must be positive, got ${opts.stepsPerCall}`);
  let warmupSeconds = 0;
  for (let i = 0; i < (opts.warmupCalls ?? 1); i++) {
    const w0 = now();
    await trainStep();
    if (i === 0) warmupSeconds = (now() - w0) / 1000;
  }
  const t0 = now();
  let calls = 0;
  while (calls < minCalls || now() - t0 < budget) {
    await trainStep();
    calls++;
  }
  const seconds = (now() - t0) / 1000;
  return { stepsPerSecond: (calls * opts.stepsPerCall) / seconds, calls, seconds, warmupSeconds };
}
