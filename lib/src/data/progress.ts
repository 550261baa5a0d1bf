/**
 * Download progress: the event the download layer reports, a formatter, and a
 * reporter that redraws one line with `\r` (works in a terminal and in a Jupyter
 * notebook, whose output area honours carriage returns).
 */

/** Reported while a file downloads. */
export interface DownloadProgress {
  /** Dataset name. */
  dataset: string;
  /** Bytes received so far in this attempt. */
  bytes: number;
  /** Expected total in bytes (Content-Length, else the registry's size); undefined if unknown. */
  total?: number;
  /** Mean rate of this attempt in bytes per second. */
  rate: number;
  /** True on the last event of a successful transfer. */
  done: boolean;
}

export type DownloadProgressCallback = (p: DownloadProgress) => void;

/** `1.1 MB`, `980 kB`, `12 B` (decimal units). */
function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

/** One line: `tinyshakespeare  45%  0.5 MB / 1.1 MB  2.3 MB/s`. */
export function formatDownloadProgress(p: DownloadProgress): string {
  const pct = p.total ? `${Math.floor((100 * p.bytes) / p.total).toString().padStart(3)}%  ` : '';
  const of = p.total ? ` / ${formatBytes(p.total)}` : '';
  return `${p.dataset}  ${pct}${formatBytes(p.bytes)}${of}  ${formatBytes(p.rate)}/s${p.done ? '  done' : ''}`;
}

/**
 * A progress callback that redraws one line on `write` (default: process.stderr),
 * at most every `intervalMs` ms, and ends the line when the transfer is done.
 */
export function downloadProgressReporter(
  write: (s: string) => void = (s) => process.stderr.write(s),
  intervalMs = 200,
): DownloadProgressCallback {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (!p.done && now - last < intervalMs) return;
    last = now;
    write(`\r${formatDownloadProgress(p)}${p.done ? '\n' : ''}`);
  };
}
