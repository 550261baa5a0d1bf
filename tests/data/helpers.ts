/** Shared by the data tests: repository paths, the dataset files, temporary folders. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheDir, fetchDataset, readRegistry } from '../../lib/src/data';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** A fresh empty temporary folder. */
export function tempDir(prefix = 'seqmodels-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Files in a folder (none if it does not exist). */
export function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

let folder: Promise<string> | undefined;

/**
 * A folder that holds a verified copy of every downloadable dataset under its registry file name,
 * wherever the repository lives (the tests never assume a `../shared` next to it):
 * - `COURSE_DATA_MIRROR` when it is set (CI and offline machines): every file must be there;
 * - otherwise the course's cache (`COURSE_DATA_CACHE`, else `datasets/cache/`), filled from the
 *   canonical URLs the first time, as a learner's loaders do.
 * When neither can be had, the error names `COURSE_DATA_MIRROR` and says what failed.
 */
export function datasetFolder(): Promise<string> {
  folder ??= locate();
  return folder;
}

async function locate(): Promise<string> {
  const entries = readRegistry(path.join(repoRoot, 'datasets', 'registry.json')).datasets.filter((e) => !e.npm);
  const mirror = process.env.COURSE_DATA_MIRROR?.trim();
  if (mirror) {
    const dir = path.resolve(mirror);
    const empty = tempDir('seqmodels-nocache-'); // so that the mirror, not a cached copy, is checked
    try {
      for (const e of entries) await fetchDataset(e.name, { mirror: dir, cacheDir: empty, download: false, onProgress: null });
    } catch (err) {
      throw new Error(
        `The data tests read the downloadable datasets from COURSE_DATA_MIRROR=${mirror}, but that folder ` +
          `lacks a verified copy: ${(err as Error).message.split('\n')[0]}\n` +
          'Point COURSE_DATA_MIRROR at a folder that holds every file of datasets/registry.json, or unset it ' +
          'to download them from their canonical URLs (see datasets/README.md).',
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    return dir;
  }
  const cache = cacheDir();
  try {
    for (const e of entries) await fetchDataset(e.name, { mirror: null, cacheDir: cache, onProgress: null, retries: 1 });
  } catch (err) {
    throw new Error(
      'The data tests need the downloadable datasets, and COURSE_DATA_MIRROR is not set, so they were ' +
        `downloaded from their canonical URLs into ${cache}, which failed: ${(err as Error).message.split('\n')[0]}\n` +
        'Without internet, set COURSE_DATA_MIRROR to a folder of verified copies (file names, sizes and ' +
        'SHA-256 in datasets/registry.json; see datasets/README.md), for example COURSE_DATA_MIRROR=/path/to/datasets npm test.',
    );
  }
  return cache;
}
