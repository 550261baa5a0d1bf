/**
 * One HTTP(S) GET streamed into a file, on Node's built-in `fetch`: redirects (fetch
 * follows up to 20), an inactivity timeout, an overall deadline, a byte cap, a truncation
 * check and progress; the SHA-256 is computed on the way.
 * No retries and no clean-up here: fetch.ts owns both.
 *
 * Every way out of a transfer goes through one AbortController: the deadline, the
 * inactivity timer, the byte cap and an exception thrown by `onData` all abort the request,
 * so nothing is left downloading in the background. Errors that another attempt cannot
 * fix (a 404, a body larger than the cap, a file-system error while writing, a throwing
 * callback) are marked not retryable; a callback's own exception is rethrown as it is.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { DownloadError } from '../errors';

export interface GetOptions {
  /** Abort when no byte arrives for this long (connect, headers or body), in ms. */
  timeoutMs: number;
  /** Abort when the whole transfer takes longer than this, in ms. */
  deadlineMs: number;
  /**
   * The deadline the caller was given, named in the error (default deadlineMs): a retry gets
   * what is left of it as its deadlineMs, but the learner set, and should read, the whole one.
   */
  deadlineOfCallMs?: number;
  /** Abort when the body exceeds this many bytes (or the Content-Length announces more). */
  maxBytes: number;
  /** The exact size expected: a Content-Length that announces another size is refused before the body. */
  expectedBytes?: number;
  /** Called as bytes arrive: bytes so far and the Content-Length if sent. What it throws ends the transfer. */
  onData?: (bytes: number, total: number | undefined) => void;
}

export interface GetResult {
  bytes: number;
  sha256: string;
  /** The URL finally served (after redirects). */
  url: string;
}

/** Thrown by `getToFile` for an exception of `onData`: `fetch.ts` hands `cause` to the caller unchanged. */
export class CallbackFailure extends Error {
  constructor(readonly cause: unknown) {
    super(`the progress callback threw: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CallbackFailure';
  }
}

/** A file-system error while writing the body (ENOSPC, EROFS, EACCES, ...): no retry can fix it. */
export class WriteFailure extends Error {
  constructor(readonly file: string, readonly cause: Error & { code?: string }) {
    super(`cannot write ${file}: ${cause.code ? `${cause.code}, ` : ''}${cause.message}`);
    this.name = 'WriteFailure';
  }
}

/** GET `url` into the file `dest` (created or truncated). */
export async function getToFile(url: string, dest: string, opts: GetOptions): Promise<GetResult> {
  if (!/^https?:/.test(url)) throw new DownloadError(`unsupported URL ${url} (only http and https)`, url, false);
  const controller = new AbortController();
  // Why the transfer was aborted: the error to throw in place of fetch's AbortError.
  let reason: Error | undefined;
  const abort = (err: Error) => {
    reason ??= err;
    controller.abort(err);
  };
  const deadline = setTimeout(
    () => abort(new DownloadError(`the transfer from ${url} took longer than the deadline of ${opts.deadlineOfCallMs ?? opts.deadlineMs} ms`, url, false)),
    opts.deadlineMs,
  );
  let idle: NodeJS.Timeout | undefined;
  let answered = false;
  const stillAlive = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const what = answered ? `no data for ${opts.timeoutMs} ms` : `no response within ${opts.timeoutMs} ms`;
      abort(new DownloadError(`${what} from ${url} (timeout)`, url, true));
    }, opts.timeoutMs);
  };
  let file: fs.promises.FileHandle | undefined;
  let finalUrl = url;
  let bytes = 0;
  let total: number | undefined;
  try {
    stillAlive();
    // identity: the bytes counted, capped and hashed are the file's, and Content-Length is its size.
    const res = await fetch(url, {
      signal: controller.signal,
      redirect: 'follow',
      headers: { 'user-agent': 'seqmodels-course', 'accept-encoding': 'identity' },
    });
    finalUrl = res.url || url;
    answered = true;
    stillAlive();
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      // 4xx will not change on a retry (except 408 and 429); 5xx may.
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      throw new DownloadError(`HTTP ${res.status} ${res.statusText} for ${finalUrl}`.trim(), finalUrl, retryable);
    }
    const lengthHeader = res.headers.get('content-length');
    const encoding = (res.headers.get('content-encoding') ?? 'identity').toLowerCase();
    // A compressed body (a server that ignored accept-encoding) has a Content-Length of its
    // compressed size: only the byte cap and the checksum then apply.
    total = encoding === 'identity' && lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    if (total !== undefined && total > opts.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new DownloadError(`${finalUrl} announces ${total} bytes (Content-Length), more than the ${opts.maxBytes} expected: not downloaded`, finalUrl, false);
    }
    if (total !== undefined && opts.expectedBytes !== undefined && total !== opts.expectedBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new DownloadError(`${finalUrl} announces ${total} bytes (Content-Length), not the ${opts.expectedBytes} expected: not the registered file, not downloaded`, finalUrl, false);
    }
    try {
      file = await fs.promises.open(dest, 'w');
    } catch (err) {
      throw new WriteFailure(dest, err as Error);
    }
    const hash = crypto.createHash('sha256');
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        stillAlive();
        bytes += chunk.length;
        if (bytes > opts.maxBytes) {
          throw new DownloadError(`${finalUrl} sent more than the ${opts.maxBytes} bytes expected: stopped after ${bytes} bytes`, finalUrl, false);
        }
        hash.update(chunk);
        try {
          await file.write(chunk);
        } catch (err) {
          throw new WriteFailure(dest, err as Error);
        }
        try {
          opts.onData?.(bytes, total);
        } catch (err) {
          throw new CallbackFailure(err);
        }
      }
    }
    if (total !== undefined && bytes !== total) {
      throw new DownloadError(`truncated body: received ${bytes} of ${total} bytes from ${finalUrl}`, finalUrl, true);
    }
    return { bytes, sha256: hash.digest('hex'), url: finalUrl };
  } catch (err) {
    if (err instanceof DownloadError || err instanceof CallbackFailure || err instanceof WriteFailure) {
      controller.abort(err); // stop the body stream, if any
      throw err;
    }
    if (reason) throw reason;
    const what = total !== undefined ? `${bytes} of ${total} bytes` : `${bytes} bytes`;
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    if (cause && /redirect count exceeded/.test(cause)) {
      throw new DownloadError(`too many redirects (more than 20) from ${url}`, url, false);
    }
    const detail = `${(err as Error).message}${cause ? ` (${cause})` : ''}`;
    throw new DownloadError(bytes > 0 ? `transfer broken after ${what} from ${finalUrl}: ${detail}` : `${detail} (${finalUrl})`, finalUrl, true);
  } finally {
    clearTimeout(deadline);
    clearTimeout(idle);
    await file?.close().catch(() => undefined);
  }
}
