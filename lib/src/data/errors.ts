/**
 * Errors of the data layer. Each message is written for a learner: it names the
 * dataset or file, what went wrong, and what to do next.
 */

/** A download attempt failed (HTTP status, timeout, truncated body, checksum). */
export class DownloadError extends Error {
  /** `retryable`: worth another attempt (network hiccup, 5xx, timeout), not for a 404. */
  constructor(message: string, readonly url: string, readonly retryable: boolean) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** A file's SHA-256 (or size) differs from the registry's. */
export class ChecksumError extends Error {
  constructor(readonly file: string, readonly expected: string, readonly actual: string) {
    super(`${file}: SHA-256 ${actual} does not match the registry's ${expected}`);
    this.name = 'ChecksumError';
  }
}

/**
 * A dataset could not be obtained from the cache, the mirror or the network.
 * The message says how to place the file by hand.
 */
export class DatasetUnavailableError extends Error {
  constructor(message: string, readonly dataset: string, readonly cause?: unknown) {
    super(message);
    this.name = 'DatasetUnavailableError';
  }
}

/** A CSV (or a value in it) could not be parsed; names the file and the 1-based line. */
export class CsvError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, detail: string) {
    super(line === undefined ? `${file}: ${detail}` : `${file}, line ${line}: ${detail}`);
    this.name = 'CsvError';
  }
}
