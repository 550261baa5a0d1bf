/**
 * One HTTP(S) GET streamed into a file, with redirects, an inactivity timeout,
 * a truncation check and progress; the SHA-256 is computed on the way.
 * No retries and no clean-up here: fetch.ts owns both.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { Transform } from 'stream';
import { pipeline } from 'stream/promises';
import { DownloadError } from '../errors';

export interface GetOptions {
  /** Abort when no byte arrives for this long (connect, headers or body), in ms. */
  timeoutMs: number;
  /** Follow at most this many redirects (301, 302, 303, 307, 308). */
  maxRedirects: number;
  /** Called as bytes arrive: bytes so far and the Content-Length if sent. */
  onData?: (bytes: number, total: number | undefined) => void;
}

export interface GetResult {
  bytes: number;
  sha256: string;
  /** The URL finally served (after redirects). */
  url: string;
}

/** Open the response of `url`, following redirects; rejects on a non-2xx status. */
function openResponse(url: string, opts: GetOptions, hops = 0): Promise<{ res: http.IncomingMessage; url: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : url.startsWith('http:') ? http : undefined;
    if (!lib) return reject(new DownloadError(`unsupported URL ${url}`, url, false));
    const req = lib.get(url, { headers: { 'user-agent': 'seqmodels-course' } }, (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        if (hops >= opts.maxRedirects) {
          return reject(new DownloadError(`too many redirects (more than ${opts.maxRedirects}) from ${url}`, url, false));
        }
        const next = new URL(res.headers.location, url).toString();
        return resolve(openResponse(next, opts, hops + 1));
      }
      if (status < 200 || status >= 300) {
        res.resume();
        // 4xx will not change on a retry (except 408 and 429); 5xx may.
        const retryable = status >= 500 || status === 408 || status === 429;
        return reject(new DownloadError(`HTTP ${status} ${res.statusMessage ?? ''} for ${url}`.trim(), url, retryable));
      }
      res.setTimeout(opts.timeoutMs, () =>
        res.destroy(new DownloadError(`no data for ${opts.timeoutMs} ms from ${url} (timeout)`, url, true)),
      );
      resolve({ res, url });
    });
    req.setTimeout(opts.timeoutMs, () =>
      req.destroy(new DownloadError(`no response within ${opts.timeoutMs} ms from ${url} (timeout)`, url, true)),
    );
    req.on('error', (err) =>
      reject(err instanceof DownloadError ? err : new DownloadError(`${err.message} (${url})`, url, true)),
    );
  });
}

/** GET `url` into the file `dest` (created or truncated). */
export async function getToFile(url: string, dest: string, opts: GetOptions): Promise<GetResult> {
  const { res, url: finalUrl } = await openResponse(url, opts);
  const lengthHeader = res.headers['content-length'];
  const total = lengthHeader !== undefined ? Number(lengthHeader) : undefined;
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      hash.update(chunk);
      opts.onData?.(bytes, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res, tap, fs.createWriteStream(dest));
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    const what = total !== undefined ? `${bytes} of ${total} bytes` : `${bytes} bytes`;
    throw new DownloadError(`transfer broken after ${what} from ${finalUrl}: ${(err as Error).message}`, finalUrl, true);
  }
  if (total !== undefined && bytes !== total) {
    throw new DownloadError(`truncated body: received ${bytes} of ${total} bytes from ${finalUrl}`, finalUrl, true);
  }
  return { bytes, sha256: hash.digest('hex'), url: finalUrl };
}
