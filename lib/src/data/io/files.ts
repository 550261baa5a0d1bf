/**
 * Small file-system helpers of the data layer: hashing with a memo, reading text
 * and JSON, the registry file and the files of npm data packages.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../env';
import { parseRegistry, Registry } from '../registry';

/** SHA-256 of a file, lower-case hex, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// Files already verified in this process, keyed by path, size and mtime.
const verified = new Set<string>();

/**
 * Whether `file` exists with the expected size and SHA-256. A positive answer is
 * remembered (until the file's size or mtime changes) so repeated loads do not rehash.
 */
export async function fileMatches(file: string, bytes: number, sha256: string): Promise<'ok' | 'missing' | string> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch {
    return 'missing';
  }
  if (!st.isFile()) {
    throw new Error(`${file} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}, where a dataset file belongs: move it away (or choose another cacheDir / mirror)`);
  }
  const key = `${file}|${st.size}|${st.mtimeMs}|${sha256}`;
  if (verified.has(key)) return 'ok';
  if (st.size !== bytes) return `size ${st.size} bytes, expected ${bytes}`;
  const actual = await sha256File(file);
  if (actual !== sha256) return `SHA-256 ${actual}, expected ${sha256}`;
  verified.add(key);
  return 'ok';
}

/** Remove a file if it exists. */
export async function removeIfExists(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** The registry file of the repository: `datasets/registry.json`. */
export function defaultRegistryPath(): string {
  return path.join(repoRoot(), 'datasets', 'registry.json');
}

let registryMemo: { file: string; registry: Registry } | undefined;

/** Read and validate a registry file (default: the repository's), memoised. */
export function readRegistry(file = defaultRegistryPath()): Registry {
  if (registryMemo?.file === file) return registryMemo.registry;
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch (err) {
    throw new Error(`cannot read the dataset registry ${file}: ${(err as Error).message}`);
  }
  const registry = parseRegistry(json, file);
  registryMemo = { file, registry };
  return registry;
}

/** Absolute path of `file` inside the installed npm package `pkg`. */
export function packageFile(pkg: string, file: string): string {
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`the npm package ${pkg} is not installed; run npm install in the course folder`);
  }
  return path.join(path.dirname(manifest), file);
}

/** Parsed JSON of a file inside an installed npm package. */
export function readPackageJson<T>(pkg: string, file: string): T {
  return JSON.parse(readText(packageFile(pkg, file))) as T;
}

/** The module exported by an installed npm package (for the @stdlib datasets). */
export function requirePackage<T>(pkg: string): T {
  packageFile(pkg, 'package.json'); // clear error when missing
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(pkg) as T;
}

/** Is process `pid` alive on this machine? (Whose lock or half-written file is this: a live writer's or a dead one's?) */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
