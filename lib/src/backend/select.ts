/**
 * Backend selection: which tfjs backend runs the course's tensors, and why.
 *
 * Order of preference: `tensorflow` (native libtensorflow from @tensorflow/tfjs-node,
 * installed as the optional dependency `tfjs-node-native`), then `wasm` (XNNPACK SIMD,
 * single-threaded), then `cpu` (plain JavaScript). The environment variable
 * `COURSE_BACKEND=tensorflow|wasm|cpu` (or the `force` option) forces one; a forced
 * backend that cannot start is an error that names the ones that can.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './wasm-kernels';
import { matrixKernel } from '../scratch/fast/simd';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** All backends the course knows, in order of preference. */
export const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface BackendInfo {
  /** The backend now active in tfjs. */
  name: BackendName;
  /** One line for humans: which backend runs and why. */
  reason: string;
  /** Whether the choice came from `COURSE_BACKEND` / the `force` option. */
  forced: boolean;
  /** Backends that were tried before this one, with the reason each was skipped. */
  skipped: { name: BackendName; why: string }[];
}

export interface InitBackendOptions {
  /** Force a backend (overrides `COURSE_BACKEND`). */
  force?: string;
  /** Where the one-line report goes; default `console.log`. Pass `null` for silence. */
  log?: ((line: string) => void) | null;
}

let active: BackendInfo | null = null;

const readyHooks: (() => void)[] = [];
/**
 * Run `hook` once a backend is active: now if one already is, else right after `initBackend`
 * chooses one (and again after a later `initBackend` switches it). Modules that need the backend
 * register here (train/modelio.ts: the file:// handler on wasm and cpu), so that this folder
 * imports none of them.
 */
export function onBackendReady(hook: () => void): void {
  readyHooks.push(hook);
  if (active) hook();
}

/** The backend chosen by the last `initBackend`, or null before it ran. */
export function backendInfo(): BackendInfo | null {
  return active;
}

function parseForced(value: string | undefined): BackendName | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase();
  if ((BACKENDS as readonly string[]).includes(v)) return v as BackendName;
  throw new Error(
    `COURSE_BACKEND="${value}" is not a tfjs backend the course knows: ` +
      `use one of ${BACKENDS.join(', ')} (or unset it to choose automatically).`,
  );
}

function message(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0];
}

/** Try to make `name` the active backend; returns null on success, else why not. */
async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'tensorflow') {
      try {
        // The real @tensorflow/tfjs-node, installed under an alias (see README, "Native backend").
        require('tfjs-node-native');
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'MODULE_NOT_FOUND' && /tfjs-node-native'/.test(message(e))) {
          return 'native backend not installed (run `npm run native` on a machine with internet)';
        }
        return `native backend failed to load: ${message(e)}`;
      }
    } else if (name === 'wasm') {
      require('@tensorflow/tfjs-backend-wasm');
      // The threaded build starts its worker from a blob URL, which Node cannot do.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      registerWasmTrainingKernels();
    }
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return `tfjs could not start the ${name} backend`;
    await tf.ready();
    return null;
  } catch (e) {
    return `${name} backend failed: ${message(e)}`;
  }
}

/**
 * Choose and start the backend. Safe to call more than once: later calls return the
 * first choice unless `force` names a different backend.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const forcedName = parseForced(options.force ?? process.env.COURSE_BACKEND);
  const log = options.log === undefined ? (l: string) => console.log(l) : options.log;
  if (active && (forcedName === undefined || forcedName === active.name)) return active;

  const skipped: { name: BackendName; why: string }[] = [];
  const order = forcedName ? [forcedName] : BACKENDS;
  for (const name of order) {
    const why = await tryBackend(name);
    if (why === null) {
      let reason: string;
      if (forcedName) reason = `using ${name}: forced by ${options.force ? 'the force option' : 'COURSE_BACKEND'}`;
      else if (skipped.length === 0) reason = `using ${name}: the fastest backend available`;
      else reason = `${skipped.map((s) => s.why).join('; ')}: using ${name}`;
      active = { name, reason, forced: forcedName !== undefined, skipped };
      for (const hook of readyHooks) hook(); // e.g. file:// save/load on wasm and cpu (train/modelio.ts)
      if (log) log(`[seqmodels] backend: ${reason}${name === 'tensorflow' ? '' : `; recurrent layers' matrix kernel: ${matrixKernel()}`}`);
      return active;
    }
    skipped.push({ name, why });
  }
  if (forcedName) {
    const available: BackendName[] = [];
    for (const name of BACKENDS) {
      if (name !== forcedName && (await tryBackend(name)) === null) available.push(name);
    }
    if (active) await tf.setBackend(active.name);
    throw new Error(
      `The forced backend "${forcedName}" is not available (${skipped[0].why}). ` +
        `Available here: ${available.join(', ') || 'none'}. Set COURSE_BACKEND to one of those or unset it.`,
    );
  }
  throw new Error(`No tfjs backend could start: ${skipped.map((s) => s.why).join('; ')}`);
}
