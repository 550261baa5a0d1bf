/** Retry an async operation with exponential backoff. */

export interface RetryOptions {
  /** Further attempts after the first one. */
  retries: number;
  /** Wait before the first retry, in ms; doubles after each retry. */
  backoffMs: number;
  /** Whether an error is worth another attempt (default: always). */
  isRetryable?: (err: unknown) => boolean;
  /** Told before each retry (attempt is 1-based). */
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Run `fn` until it succeeds or `retries` retries have failed; rethrows the last error. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const retryable = opts.isRetryable ? opts.isRetryable(err) : true;
      if (!retryable || attempt >= opts.retries) throw err;
      const waitMs = opts.backoffMs * 2 ** attempt;
      opts.onRetry?.(err, attempt + 1, waitMs);
      await sleep(waitMs);
    }
  }
}
