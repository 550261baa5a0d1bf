/**
 * Saving and loading tf.layers models on disk, on every backend.
 *
 * The native backend brings a `file://` handler; wasm and cpu have none. This handler
 * writes the usual pair, `model.json` plus one weights file, so that a crash mid-save never
 * leaves a broken model:
 *   1. the weights go to `weights-<sha256 prefix>.bin` through a temporary file and a rename;
 *   2. `model.json`, which names that weights file, is written the same way: its rename is
 *      the moment the new model becomes visible;
 *   3. weights files that `model.json` no longer names are removed.
 * Loading checks what can go wrong (missing or truncated files, a model.json that is not
 * JSON, weights of the wrong size) and names the file and the problem.
 *
 * With the optimizer included (the default of `saveModel`), loading and training on is the
 * same, step for step and up to float rounding, as training on without saving: tf.layers saves
 * the optimizer's config (with its learning rate at the time of the save) and its state (for
 * Adam: the moments m and v, and the step count t, from which loading recomputes the
 * bias-correction powers of beta1 and beta2).
 * `saveModel` adds what tf.layers leaves out: the maximum norm of `clipGlobalNorm`, restored by
 * `loadModel`. A model compiled with the sparse categorical cross-entropy gets the library's
 * fused version of it back (`useFusedLoss`, loss.ts), as `languageModel` gives it.
 */
import * as tf from '@tensorflow/tfjs';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { clipGlobalNorm, clipNormOf } from './optimizer';
import { useFusedLoss } from './loss';
import { onBackendReady } from '../backend/select';
import { processAlive } from '../data/io/files';

export class ModelFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ModelFileError';
  }
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
/** Weights files this handler writes: named by the first 16 hex digits of their SHA-256. */
const WEIGHTS_NAME = /^weights-([0-9a-f]{16})\.bin$/;
/** Temporary files of a save: `<name>.tmp-<pid>-<time>`. */
const TMP_NAME = /\.tmp-(\d+)-\d+$/;

function writeAtomic(file: string, data: Buffer | string): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Hold `<folder>/.lock` (a file holding the owner's pid) while `fn` runs. A lock whose owner
 * is dead (killed during a save) is taken over; a live owner is waited for, up to `waitMs`.
 */
async function withFolderLock<T>(folder: string, fn: () => T | Promise<T>, waitMs = 120_000): Promise<T> {
  const lock = path.join(folder, '.lock');
  const start = Date.now();
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    let age = 0;
    try {
      owner = Number(fs.readFileSync(lock, 'utf8'));
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    // An empty lock file older than a second: its writer died between creating and filling it.
    const stale = Number.isInteger(owner) && owner > 0 ? owner !== process.pid && !processAlive(owner) : age > 1000;
    if (stale) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() - start > waitMs) {
      throw new ModelFileError(folder, `another save (process ${owner}) has held ${lock} for over ${waitMs} ms; if no process is saving, delete that file`);
    }
    await sleep(delay);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Inside a held lock: temporary files of saves killed midway, and weights that no model.json names. */
function removeLeftovers(folder: string, keep: string): void {
  for (const f of fs.readdirSync(folder)) {
    // Under the lock no other save is writing, so every temporary file is a killed save's.
    if (TMP_NAME.test(f) || (WEIGHTS_NAME.test(f) && f !== keep)) {
      fs.rmSync(path.join(folder, f), { force: true });
    }
  }
}

function weightsBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const bytes = s.quantization ? (s.quantization.dtype === 'uint8' ? 1 : 2) : DTYPE_BYTES[s.dtype];
    return sum + n * (bytes ?? 4);
  }, 0);
}

/** The weights manifest of a parsed model.json, checked: a list of groups of file names and specs. */
function checkManifest(json: tf.io.ModelJSON, modelFile: string): tf.io.WeightsManifestConfig {
  const manifest = (json as { weightsManifest?: unknown }).weightsManifest;
  if (manifest === undefined) return [];
  const bad = (what: string) => new ModelFileError(modelFile, `"weightsManifest" ${what}: the file is damaged or was not written by tf.layers`);
  if (!Array.isArray(manifest)) throw bad(`must be a list of groups, got ${manifest === null ? 'null' : typeof manifest}`);
  manifest.forEach((g: unknown, i) => {
    const group = g as { paths?: unknown; weights?: unknown };
    if (group == null || typeof group !== 'object') throw bad(`[${i}] must be an object with "paths" and "weights", got ${JSON.stringify(g)}`);
    if (!Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string')) {
      throw bad(`[${i}].paths must be a list of file names, got ${JSON.stringify(group.paths)}`);
    }
    if (!Array.isArray(group.weights)) throw bad(`[${i}].weights must be a list, got ${JSON.stringify(group.weights)}`);
    for (const w of group.weights as { name?: unknown; shape?: unknown; dtype?: unknown }[]) {
      const shapeOk = Array.isArray(w?.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0);
      if (typeof w?.name !== 'string' || !shapeOk || typeof w.dtype !== 'string') {
        throw bad(`[${i}].weights has an entry without a name, a shape of non-negative integers and a dtype: ${JSON.stringify(w)}`);
      }
    }
  });
  return manifest as tf.io.WeightsManifestConfig;
}

/** A manifest path, resolved and checked to name a file directly inside `folder`. */
function weightsPath(folder: string, p: string, modelFile: string): string {
  const file = path.resolve(folder, p);
  if (path.dirname(file) !== folder || path.isAbsolute(p) || p.includes('\0')) {
    throw new ModelFileError(modelFile, `names the weights file ${JSON.stringify(p)}, which is not inside ${folder}: refused`);
  }
  return file;
}

class Retry extends Error {}

/** An IOHandler that saves to / loads from a folder (created if needed). */
export function fileHandler(dir: string): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir.trim() === '') throw new TypeError(`fileHandler: dir must be a folder path, got ${JSON.stringify(dir)}`);
  const folder = path.resolve(dir.replace(/^file:\/\//, ''));
  const modelFile = path.join(folder, 'model.json');

  /** One attempt at reading the model; `Retry` when a concurrent save replaced it meanwhile. */
  const readOnce = (): tf.io.ModelArtifacts => {
    let text: string;
    try {
      text = fs.readFileSync(modelFile, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new ModelFileError(modelFile, 'not found: nothing was saved in this folder (check the path)');
      if (code === 'EISDIR') throw new ModelFileError(modelFile, 'is a folder, not a file: this is not a saved model');
      throw new ModelFileError(modelFile, `cannot be read: ${(e as Error).message}`);
    }
    let json: tf.io.ModelJSON;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ModelFileError(modelFile, `is not valid JSON (${(e as Error).message}): the file is truncated or is not a model.json`);
    }
    if (json == null || typeof json !== 'object' || json.modelTopology == null) {
      throw new ModelFileError(modelFile, 'has no "modelTopology": it is not a tf.layers model.json');
    }
    const manifest = checkManifest(json, modelFile);
    const specs: tf.io.WeightsManifestEntry[] = [];
    const parts: Buffer[] = [];
    const files: { file: string; bytes: Buffer }[] = [];
    for (const group of manifest) {
      for (const p of group.paths) {
        const file = weightsPath(folder, p, modelFile);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') {
            // Either a concurrent save replaced model.json and removed this file (read again),
            // or it is really missing.
            if (fs.readFileSync(modelFile, 'utf8') !== text) throw new Retry();
            throw new ModelFileError(file, `missing: ${modelFile} names it as a weights file`);
          }
          throw new ModelFileError(file, `cannot be read: ${(e as Error).message}`);
        }
        files.push({ file, bytes });
        parts.push(bytes);
      }
      specs.push(...group.weights);
    }
    const weightData = Buffer.concat(parts);
    const expected = weightsBytes(specs);
    if (weightData.length !== expected) {
      const names = manifest.flatMap((g) => g.paths).join(', ');
      throw new ModelFileError(
        path.join(folder, names),
        `holds ${weightData.length} bytes but model.json describes ${expected} bytes of weights: ` +
          'the weights file is truncated or belongs to another model',
      );
    }
    // A name that carries a hash is a promise about the content: checked.
    for (const { file, bytes } of files) {
      const hashed = WEIGHTS_NAME.exec(path.basename(file));
      if (!hashed) continue;
      const actual = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      if (actual !== hashed[1]) {
        throw new ModelFileError(file, `its content has SHA-256 ${actual}..., not the ${hashed[1]}... its name carries: the file was changed, or belongs to another model`);
      }
    }
    return {
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      trainingConfig: json.trainingConfig,
      userDefinedMetadata: json.userDefinedMetadata,
      weightSpecs: specs,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    };
  };

  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileHandler saves tf.layers models (JSON topology), not binary graph models');
      }
      if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) {
        throw new ModelFileError(folder, 'is a file, not a folder: choose another folder to save the model in');
      }
      fs.mkdirSync(folder, { recursive: true });
      const data = artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const buf = Buffer.from(data);
      const weightsName = `weights-${crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16)}.bin`;
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      // One writer at a time per folder: a save never deletes a file that another save is
      // about to name. Readers take no lock: they read again if a save replaced the model.
      await withFolderLock(folder, () => {
        writeAtomic(path.join(folder, weightsName), buf);
        // The rename of model.json is the moment the new model (and, for a checkpoint, its
        // optimizer and trainer state, all inside it) becomes visible.
        writeAtomic(modelFile, JSON.stringify(modelJson));
        removeLeftovers(folder, weightsName);
      });
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: buf.length,
        },
      };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      for (let attempt = 0; ; attempt++) {
        try {
          return readOnce();
        } catch (e) {
          if (!(e instanceof Retry) || attempt >= 50) {
            if (e instanceof Retry) throw new ModelFileError(modelFile, 'kept changing while it was read (another process is saving here in a loop)');
            throw e;
          }
          await sleep(2);
        }
      }
    },
  };
}

/** A clear error unless `model` is a tf.layers model that has not been disposed. */
function checkModel(model: tf.LayersModel, where: string): void {
  if (model == null || typeof (model as tf.LayersModel).getWeights !== 'function') {
    throw new TypeError(`${where}: expected a tf.LayersModel, got ${model === null ? 'null' : typeof model}`);
  }
  if ((model as unknown as { isDisposed?: boolean }).isDisposed || model.weights.some((w) => (w as unknown as { val?: tf.Tensor }).val?.isDisposed !== false)) {
    throw new Error(`${where}: the model has been disposed: build or load it again`);
  }
}

/**
 * Dispose a model and its optimizer's state (for Adam the moments m and v of every weight):
 * `model.dispose()` alone keeps the optimizer, whose tensors would then stay in memory.
 * Use it for every model that `loadModel` or `resumeTraining` returned, and for your own.
 */
export function disposeModel(m: tf.LayersModel | { model: tf.LayersModel } | null | undefined): void {
  if (!m) return;
  const model = typeof (m as tf.LayersModel).getWeights === 'function' ? (m as tf.LayersModel) : (m as { model: tf.LayersModel }).model;
  const optimizer = model.optimizer;
  if (!(model as unknown as { isDisposed?: boolean }).isDisposed) {
    try {
      model.dispose();
    } catch {
      // already disposed by tf.layers' own count
    }
  }
  optimizer?.dispose();
}

/** Key of the model.json's `userDefinedMetadata` under which `saveModel` keeps its optimizer extras. */
const EXTRAS_KEY = 'seqmodels';
interface OptimizerExtras {
  /** The maximum global norm of `clipGlobalNorm`, if the optimizer clips. */
  clipNorm?: number;
  /** A checkpoint's trainer state (fit.ts): inside model.json, so it is saved with the weights in one rename. */
  trainer?: unknown;
}

/**
 * Save a model to a folder, optimizer state included by default (so training can resume
 * exactly: see the top of the file).
 */
export async function saveModel(
  model: tf.LayersModel,
  dir: string,
  options: { includeOptimizer?: boolean; trainerState?: unknown } = {},
): Promise<tf.io.SaveResult> {
  const includeOptimizer = options.includeOptimizer ?? true;
  checkModel(model, 'saveModel');
  const handler = fileHandler(dir);
  const withExtras: tf.io.IOHandler = {
    save: (artifacts) => {
      // Extras describe the current optimizer only: drop any that a loaded model carried in.
      const { [EXTRAS_KEY]: _old, ...userMetadata } = (artifacts.userDefinedMetadata ?? {}) as Record<string, {}>;
      const clipNorm = includeOptimizer ? clipNormOf(model.optimizer) : undefined;
      const extras: OptimizerExtras | undefined =
        clipNorm === undefined && options.trainerState === undefined ? undefined : { clipNorm, trainer: options.trainerState };
      const metadata = extras ? { ...userMetadata, [EXTRAS_KEY]: extras } : userMetadata;
      return handler.save!({ ...artifacts, userDefinedMetadata: Object.keys(metadata).length > 0 ? metadata : undefined });
    },
  };
  // tf.layers asks the optimizer for its weights, which include a fresh scalar (the step
  // count) that it never frees: one tensor lost per save. Free what is not the optimizer's own.
  const optimizer = includeOptimizer ? model.optimizer : undefined;
  if (!optimizer) return model.save(withExtras, { includeOptimizer });
  const own = Object.getOwnPropertyDescriptor(optimizer, 'getWeights');
  const made: tf.Tensor[] = [];
  const getWeights = optimizer.getWeights;
  optimizer.getWeights = async function (this: tf.Optimizer) {
    const named = await getWeights.call(this);
    for (const w of named) if (!(w.tensor instanceof tf.Variable)) made.push(w.tensor);
    return named;
  };
  try {
    return await model.save(withExtras, { includeOptimizer });
  } finally {
    if (own) Object.defineProperty(optimizer, 'getWeights', own);
    else delete (optimizer as { getWeights?: unknown }).getWeights;
    tf.dispose(made);
  }
}

/**
 * Load a model saved by `saveModel` (or any tf.layers `model.json` + weights folder), with its
 * optimizer and that optimizer's state when they were saved, gradient clipping included.
 */
export async function loadModel(dir: string, options: { strict?: boolean } = {}): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  // tf.layers builds the model (variables, optimizer slots) before it fills it: when filling
  // fails, what it built would stay in memory. The scope frees it then; on success it lets
  // every tensor made meanwhile go on as if there had been no scope (also those that other
  // code running during the load's awaits may have made).
  const engine = tf.engine();
  const variablesBefore = new Set(Object.keys(engine.registeredVariables));
  engine.startScope('loadModel');
  let failed = true;
  try {
    model = await tf.loadLayersModel(fileHandler(dir), { strict: options.strict ?? true });
    failed = false;
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(path.join(path.resolve(dir), 'model.json'), `could not be turned into a model: ${(e as Error).message}`);
  } finally {
    const made = (engine as unknown as { state: { activeScope: { track: tf.Tensor[] } | null } }).state.activeScope?.track ?? [];
    engine.endScope(failed ? undefined : made.slice());
    if (failed) {
      for (const [name, v] of Object.entries(engine.registeredVariables)) if (!variablesBefore.has(name)) v.dispose();
    }
  }
  const extras = (model.getUserDefinedMetadata() as Record<string, unknown> | undefined)?.[EXTRAS_KEY] as OptimizerExtras | undefined;
  if (extras?.clipNorm !== undefined && model.optimizer) {
    if (!(typeof extras.clipNorm === 'number' && extras.clipNorm > 0)) {
      throw new ModelFileError(path.join(path.resolve(dir), 'model.json'), `has a clip norm that is not a positive number: ${JSON.stringify(extras.clipNorm)}`);
    }
    clipGlobalNorm(model.optimizer, extras.clipNorm);
  }
  if (model.optimizer) useFusedLoss(model); // same loss, fewer kernels (loss.ts); a no-op for other losses
  // The optimizer was made by this load and belongs to this model: model.dispose() frees it
  // too (tf.layers leaves the state of a deserialised optimizer in memory otherwise).
  for (const m of [model, (model as unknown as { model?: tf.LayersModel }).model]) {
    if (m && m.optimizer) (m as unknown as { isOptimizerOwned: boolean }).isOptimizerOwned = true;
  }
  return model;
}

/** The trainer state a checkpoint saved inside its model.json (see `saveModel`), if any. */
export function readTrainerState(model: tf.LayersModel): unknown {
  const extras = (model.getUserDefinedMetadata() as Record<string, unknown> | undefined)?.[EXTRAS_KEY] as OptimizerExtras | undefined;
  return extras?.trainer;
}

let routerRegistered = false;
/**
 * Make `model.save("file://dir")` and `tf.loadLayersModel("file://dir/model.json")` work on
 * wasm and cpu too. Skipped when another handler (the native backend's) already serves file://.
 */
export function registerFileRouter(): void {
  if (routerRegistered) return;
  if (tf.io.getSaveHandlers('file:///tmp/x').length > 0) return;
  routerRegistered = true;
  const route = (url: string | string[]) => {
    const u = Array.isArray(url) ? url[0] : url;
    if (typeof u !== 'string' || !u.startsWith('file://')) return null;
    const p = u.slice('file://'.length);
    return fileHandler(p.endsWith('model.json') ? path.dirname(p) : p);
  };
  // Routers return null for URLs they do not serve; the declared type omits that case.
  const router = route as unknown as Parameters<typeof tf.io.registerSaveRouter>[0];
  tf.io.registerSaveRouter(router);
  tf.io.registerLoadRouter(router);
}

// file:// save/load on wasm and cpu (native brings its own), as soon as a backend is chosen
onBackendReady(registerFileRouter);
