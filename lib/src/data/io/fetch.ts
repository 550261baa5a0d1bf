/**
 * Get a registered dataset file onto the disk, verified: the only place where
 * the data layer decides between cache, mirror and network.
 *
 * Order: (1) the cache, if its copy has the registry's size and SHA-256 (a corrupt
 * copy is deleted and fetched again); (2) the mirror folder, verified the same way
 * and used in place; (3) the canonical URL, written to a temporary `.part` name
 * inside the cache folder, verified, then renamed into place. After a failed
 * attempt the temporary file is deleted, and `.part` files left by a process that was
 * killed are deleted on the next fetch, so the cache never holds a partial or corrupt
 * file under a dataset's name. Each download has one overall deadline (`deadlineMs`, all
 * attempts together) and never reads more than the registry's size. When all three fail: one DatasetUnavailableError saying how to
 * place the file by hand.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dataMirror, repoRoot } from '../../env';
import { MAX_TIMER_MS, optionalNumber } from '../../options';
import { ChecksumError, DatasetUnavailableError, DownloadError } from '../errors';
import { DownloadProgressCallback, downloadProgressReporter } from '../progress';
import { asDownloadable, DatasetEntry, DownloadableEntry, findEntry, Registry } from '../registry';
import { fileMatches, processAlive, readRegistry, removeIfExists } from './files';
import { CallbackFailure, getToFile } from './http';
import { withRetries } from './retry';

/** Where and how to get dataset files. Every field is optional. */
export interface FetchOptions {
  /** Cache folder. Default: `COURSE_DATA_CACHE`, else `<repository>/datasets/cache` (git-ignored). */
  cacheDir?: string;
  /** Mirror folder holding verified copies. Default: `COURSE_DATA_MIRROR`; `null` disables it. */
  mirror?: string | null;
  /** Progress of a download. Default: one redrawn line on stderr; `null` for silence. What it throws ends the download and rejects the call. */
  onProgress?: DownloadProgressCallback | null;
  /** Abort an attempt when no byte arrives for this long, in ms (1 to 2^31-1). Default 30,000. */
  timeoutMs?: number;
  /** The whole download, all attempts and waits included, must end within this many ms (1 to 2^31-1). Default 600,000. */
  deadlineMs?: number;
  /** Further attempts after a failed download (not after a 404, a checksum mismatch or a disk error); integer 0 to 10. Default 3. */
  retries?: number;
  /** Wait before the first retry in ms (0 to 60,000); doubles each time. Default 500. */
  backoffMs?: number;
  /** `false`: never use the network (cache and mirror only). Default true. */
  download?: boolean;
  /** The registry to look names up in. Default: datasets/registry.json. */
  registry?: Registry;
}

/** The options with their defaults, every one checked (errors name the option, the value and the range). */
function checkFetchOptions(options: FetchOptions): Required<Pick<FetchOptions, 'timeoutMs' | 'deadlineMs' | 'retries' | 'backoffMs'>> {
  const where = 'fetchDataset';
  if (options == null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${options}`);
  for (const k of ['cacheDir', 'mirror'] as const) {
    const v = options[k];
    if (v !== undefined && !(v === null && k === 'mirror') && (typeof v !== 'string' || v.trim() === '')) {
      throw new TypeError(`${where}: ${k} must be a folder path${k === 'mirror' ? ' or null' : ''}, got ${JSON.stringify(v)}`);
    }
  }
  if (options.onProgress != null && typeof options.onProgress !== 'function') {
    throw new TypeError(`${where}: onProgress must be a function or null, got ${typeof options.onProgress}`);
  }
  if (options.download !== undefined && typeof options.download !== 'boolean') {
    throw new TypeError(`${where}: download must be true or false, got ${JSON.stringify(options.download)}`);
  }
  return {
    timeoutMs: optionalNumber(where, 'timeoutMs', options.timeoutMs, 30_000, { integer: true, min: 1, max: MAX_TIMER_MS, unit: 'ms' }),
    deadlineMs: optionalNumber(where, 'deadlineMs', options.deadlineMs, 600_000, { integer: true, min: 1, max: MAX_TIMER_MS, unit: 'ms' }),
    retries: optionalNumber(where, 'retries', options.retries, 3, { integer: true, min: 0, max: 10 }),
    backoffMs: optionalNumber(where, 'backoffMs', options.backoffMs, 500, { min: 0, max: 60_000, unit: 'ms' }),
  };
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
  const limits = checkFetchOptions(options);
  const entry = asDownloadable(typeof dataset === 'string' ? findEntry(options.registry ?? readRegistry(), dataset) : dataset);
  const dir = cacheDir(options.cacheDir);
  const target = inside(dir, entry.file, 'cache folder');
  const running = inFlight.get(target);
  if (running) return running;
  const p = obtain(entry, dir, target, { ...options, ...limits }).finally(() => inFlight.delete(target));
  inFlight.set(target, p);
  return p;
}

/** `folder/file`, checked to stay inside `folder` (the registry's `file` is data, not trusted). */
function inside(folder: string, file: string, what: string): string {
  const p = path.resolve(folder, file);
  if (path.dirname(p) !== path.resolve(folder)) throw new Error(`the dataset file name ${JSON.stringify(file)} leaves the ${what} ${folder}`);
  return p;
}

type Checked = FetchOptions & ReturnType<typeof checkFetchOptions>;

async function obtain(entry: DownloadableEntry, dir: string, target: string, options: Checked): Promise<string> {
  const problems: string[] = [];
  await checkFolder(dir, 'cache folder', true);
  // Left by a process killed during a download: removed before anything else.
  await removeStaleParts(dir);
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
    if (!fs.existsSync(mirror)) {
      problems.push(`the mirror folder ${mirror} does not exist (check COURSE_DATA_MIRROR or the mirror option)`);
    } else if (!fs.statSync(mirror).isDirectory()) {
      problems.push(`the mirror ${mirror} is a file, not a folder (check COURSE_DATA_MIRROR or the mirror option)`);
    } else {
      const candidate = inside(mirror, entry.file, 'mirror folder');
      const m = await fileMatches(candidate, entry.bytes, entry.sha256);
      if (m === 'ok') return candidate;
      problems.push(m === 'missing' ? `the mirror ${mirror} has no ${entry.file}` : `the mirror copy ${candidate} is corrupt (${m})`);
    }
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
    // What the learner's own callback threw is theirs: handed back unchanged.
    if (err instanceof CallbackFailure) throw err.cause;
    problems.push(`downloading failed: ${(err as Error).message}`);
    throw unavailable(entry, target, problems, err);
  }
}

/** A clear error when `dir` exists but is not a folder; with `create`, make it if missing. */
async function checkFolder(dir: string, what: string, create: boolean): Promise<void> {
  let st: fs.Stats | undefined;
  try {
    st = await fs.promises.stat(dir);
  } catch {
    st = undefined;
  }
  if (st && !st.isDirectory()) throw new Error(`the ${what} ${dir} is a file, not a folder: remove it or choose another folder (cacheDir option or COURSE_DATA_CACHE)`);
  if (!st && create) {
    try {
      await fs.promises.mkdir(dir, { recursive: true });
    } catch (err) {
      throw new Error(`cannot create the ${what} ${dir}: ${(err as Error).message}`);
    }
  }
}

const PART = /^.+\.(\d+)\.\d+\.part$/;

/** Remove `<file>.<pid>.<attempt>.part` files whose process is gone. */
async function removeStaleParts(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = PART.exec(name);
    if (m && !processAlive(Number(m[1]))) await removeIfExists(path.join(dir, name));
  }
}

/** Download with retries into `<target>.<pid>.<attempt>.part`, verify, rename; never leaves the .part behind. */
async function download(entry: DownloadableEntry, target: string, options: Checked): Promise<void> {
  const onProgress = options.onProgress === undefined ? downloadProgressReporter() : options.onProgress;
  const endBy = Date.now() + options.deadlineMs;
  await withRetries(
    async (attempt) => {
      const part = `${target}.${process.pid}.${attempt}.part`;
      const t0 = Date.now();
      const report = (bytes: number, total: number | undefined, done: boolean) => {
        const seconds = Math.max((Date.now() - t0) / 1000, 1e-3);
        onProgress?.({ dataset: entry.name, bytes, total: total ?? entry.bytes, rate: bytes / seconds, done });
      };
      const left = endBy - Date.now();
      if (left <= 0) {
        throw new DownloadError(`no complete copy within the deadline of ${options.deadlineMs} ms (deadlineMs)`, entry.url, false);
      }
      try {
        const got = await getToFile(entry.url, part, {
          timeoutMs: options.timeoutMs,
          deadlineMs: left,
          deadlineOfCallMs: options.deadlineMs,
          maxBytes: entry.bytes,
          expectedBytes: entry.bytes,
          onData: (bytes, total) => report(bytes, total, false),
        });
        if (got.bytes !== entry.bytes || got.sha256 !== entry.sha256) {
          throw new ChecksumError(`${entry.file} downloaded from ${got.url} (${got.bytes} bytes)`, entry.sha256, got.sha256);
        }
        await fs.promises.rename(part, target);
        try {
          report(got.bytes, got.bytes, true);
        } catch (err) {
          throw new CallbackFailure(err);
        }
      } finally {
        await removeIfExists(part);
      }
    },
    {
      retries: options.retries,
      backoffMs: options.backoffMs,
      deadline: endBy,
      // Only a network hiccup may go away by asking again: not a 404, a checksum mismatch,
      // a disk error (ENOSPC, EROFS, EACCES...) or an exception of the progress callback.
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
