/**
 * Get a registered dataset file onto the disk, verified: the only place where
 * the data layer decides between cache, mirror and network.
 *
 * Order: (1) the cache, if its copy has the registry's size and SHA-256 (a corrupt
 * copy is deleted and fetched again); (2) the mirror folder, verified the same way
 * and used in place; (3) the canonical URL, written to a temporary `.part` name
 * inside the cache folder, verified, then renamed into place. After a failed
 * attempt the temporary file is deleted, so the cache never holds a partial or
 * corrupt file. When all three fail: one DatasetUnavailableError saying how to
 * place the file by hand.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dataMirror, repoRoot } from '../../env';
import { ChecksumError, DatasetUnavailableError, DownloadError } from '../errors';
import { DownloadProgressCallback, downloadProgressReporter } from '../progress';
import { asDownloadable, DatasetEntry, DownloadableEntry, findEntry, Registry } from '../registry';
import { fileMatches, readRegistry, removeIfExists } from './files';
import { getToFile } from './http';
import { withRetries } from './retry';

/** Where and how to get dataset files. Every field is optional. */
export interface FetchOptions {
  /** Cache folder. Default: `COURSE_DATA_CACHE`, else `<repository>/datasets/cache` (git-ignored). */
  cacheDir?: string;
  /** Mirror folder holding verified copies. Default: `COURSE_DATA_MIRROR`; `null` disables it. */
  mirror?: string | null;
  /** Progress of a download. Default: one redrawn line on stderr; `null` for silence. */
  onProgress?: DownloadProgressCallback | null;
  /** Abort a download when no byte arrives for this long, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Further attempts after a failed download (not after a 404 or checksum mismatch). Default 3. */
  retries?: number;
  /** Wait before the first retry in ms; doubles each time. Default 500. */
  backoffMs?: number;
  /** `false`: never use the network (cache and mirror only). Default true. */
  download?: boolean;
  /** The registry to look names up in. Default: datasets/registry.json. */
  registry?: Registry;
}

/** The cache folder: the argument, else `COURSE_DATA_CACHE`, else `<repository>/datasets/cache`. */
export function cacheDir(dir?: string): string {
  if (dir) return resolveHome(dir);
  const env = process.env.COURSE_DATA_CACHE;
  if (env && env.trim() !== '') return resolveHome(env.trim());
  return path.join(repoRoot(), 'datasets', 'cache');
}

/** An absolute path; a leading `~` is the user's home folder. */
function resolveHome(p: string): string {
  return path.resolve(p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p);
}

/** The mirror folder: the argument (`null` = none), else `COURSE_DATA_MIRROR`. */
export function mirrorDir(dir?: string | null): string | undefined {
  if (dir === null) return undefined;
  return dir ? path.resolve(dir) : dataMirror();
}

// Downloads in flight in this process, by cache path: concurrent calls for the same
// file share the first call's attempt (and its options).
const inFlight = new Map<string, Promise<string>>();

/**
 * The local path of a verified copy of a downloadable dataset (a registry name or
 * an entry), fetching it if needed.
 */
export async function fetchDataset(dataset: string | DatasetEntry, options: FetchOptions = {}): Promise<string> {
  const entry = asDownloadable(typeof dataset === 'string' ? findEntry(options.registry ?? readRegistry(), dataset) : dataset);
  const target = path.join(cacheDir(options.cacheDir), entry.file);
  const running = inFlight.get(target);
  if (running) return running;
  const p = obtain(entry, target, options).finally(() => inFlight.delete(target));
  inFlight.set(target, p);
  return p;
}

async function obtain(entry: DownloadableEntry, target: string, options: FetchOptions): Promise<string> {
  const problems: string[] = [];
  // (1) cache
  const cached = await fileMatches(target, entry.bytes, entry.sha256);
  if (cached === 'ok') return target;
  if (cached !== 'missing') {
    problems.push(`the cached copy ${target} was corrupt (${cached}) and was deleted`);
    await removeIfExists(target);
  }
  // (2) mirror
  const mirror = mirrorDir(options.mirror);
  if (mirror) {
    const candidate = path.join(mirror, entry.file);
    const m = await fileMatches(candidate, entry.bytes, entry.sha256);
    if (m === 'ok') return candidate;
    problems.push(m === 'missing' ? `the mirror ${mirror} has no ${entry.file}` : `the mirror copy ${candidate} is corrupt (${m})`);
  }
  // (3) network
  if (options.download === false) {
    problems.push('downloading is switched off (download: false)');
    throw unavailable(entry, target, problems);
  }
  try {
    await download(entry, target, options);
    return target;
  } catch (err) {
    problems.push(`downloading failed: ${(err as Error).message}`);
    throw unavailable(entry, target, problems, err);
  }
}

/** Download with retries into `<target>.<pid>.part`, verify, rename; never leaves the .part behind. */
async function download(entry: DownloadableEntry, target: string, options: FetchOptions): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const onProgress = options.onProgress === undefined ? downloadProgressReporter() : options.onProgress;
  const timeoutMs = options.timeoutMs ?? 30_000;
  await withRetries(
    async (attempt) => {
      const part = `${target}.${process.pid}.${attempt}.part`;
      const t0 = Date.now();
      const report = (bytes: number, total: number | undefined, done: boolean) => {
        const seconds = Math.max((Date.now() - t0) / 1000, 1e-3);
        onProgress?.({ dataset: entry.name, bytes, total: total ?? entry.bytes, rate: bytes / seconds, done });
      };
      try {
        const got = await getToFile(entry.url, part, {
          timeoutMs,
          maxRedirects: 5,
          onData: (bytes, total) => report(bytes, total, false),
        });
        if (got.bytes !== entry.bytes || got.sha256 !== entry.sha256) {
          throw new ChecksumError(`${entry.file} downloaded from ${got.url} (${got.bytes} bytes)`, entry.sha256, got.sha256);
        }
        await fs.promises.rename(part, target);
        report(got.bytes, got.bytes, true);
      } finally {
        await removeIfExists(part);
      }
    },
    {
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 500,
      // A checksum mismatch or a 404 will not go away by asking again.
      isRetryable: (err) => err instanceof DownloadError && err.retryable,
    },
  );
}

function unavailable(entry: DownloadableEntry, target: string, problems: string[], cause?: unknown): DatasetUnavailableError {
  const msg = [
    `Dataset "${entry.name}" is not available: ${problems.join('; ')}.`,
    `It is downloaded from ${entry.url}`,
    `and must be the file "${entry.file}" (${entry.bytes} bytes, SHA-256 ${entry.sha256}).`,
    `To work offline, download that file on a connected machine and place it by hand as`,
    `  ${target}`,
    `or put it in a folder named by the environment variable COURSE_DATA_MIRROR (or the \`mirror\` option).`,
    `Either copy is verified against the checksum before use; see datasets/README.md.`,
  ].join('\n');
  return new DatasetUnavailableError(msg, entry.name, cause);
}
