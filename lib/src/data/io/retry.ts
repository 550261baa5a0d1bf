/** Retry an async operation with exponential backoff, within an optional deadline. */

export interface RetryOptions {
  /** Further attempts after the first one (a non-negative integer). */
  retries: number;
  /** Wait before the first retry, in ms; doubles after each retry. */
  backoffMs: number;
  /** No retry starts after this time (ms since the epoch, as Date.now()); waits are cut to it. */
  deadline?: number;
  /** Whether an error is worth another attempt (default: always). */
  isRetryable?: (err: unknown) => boolean;
  /** Told before each retry (attempt is 1-based). */
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Run `fn` until it succeeds or `retries` retries have failed; rethrows the last error. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  if (!(Number.isInteger(opts.retries) && opts.retries >= 0)) throw new RangeError(`withRetries: retries must be a non-negative integer, got ${opts.retries}`);
  if (!(Number.isFinite(opts.backoffMs) && opts.backoffMs >= 0)) throw new RangeError(`withRetries: backoffMs must be a finite number >= 0, got ${opts.backoffMs}`);
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const retryable = opts.isRetryable ? opts.isRetryable(err) : true;
      if (!retryable || attempt >= opts.retries) throw err;
      let waitMs = opts.backoffMs * 2 ** attempt;
      if (opts.deadline !== undefined) {
        const left = opts.deadline - Date.now();
        if (left <= 0) throw err;
        waitMs = Math.min(waitMs, left);
      }
      opts.onRetry?.(err, attempt + 1, waitMs);
      await sleep(waitMs);
    }
  }
}
