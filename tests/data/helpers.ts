/** Shared by the data tests: repository paths, the offline mirror, temporary folders. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The offline mirror of CI and development, at ../shared/datasets from the repository root. */
export const mirror = path.resolve(repoRoot, '..', 'shared', 'datasets');

/** A fresh empty temporary folder. */
export function tempDir(prefix = 'seqmodels-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Files in a folder (none if it does not exist). */
export function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}
