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

export class ModelFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ModelFileError';
  }
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

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

function weightsBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const bytes = s.quantization ? (s.quantization.dtype === 'uint8' ? 1 : 2) : DTYPE_BYTES[s.dtype];
    return sum + n * (bytes ?? 4);
  }, 0);
}

/** An IOHandler that saves to / loads from a folder (created if needed). */
export function fileHandler(dir: string): tf.io.IOHandler {
  const folder = path.resolve(dir.replace(/^file:\/\//, ''));
  const modelFile = path.join(folder, 'model.json');
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileHandler saves tf.layers models (JSON topology), not binary graph models');
      }
      fs.mkdirSync(folder, { recursive: true });
      const data = artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const buf = Buffer.from(data);
      const weightsName = `weights-${crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16)}.bin`;
      writeAtomic(path.join(folder, weightsName), buf);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      writeAtomic(modelFile, JSON.stringify(modelJson));
      for (const f of fs.readdirSync(folder)) {
        if (/^weights-[0-9a-f]+\.bin$/.test(f) && f !== weightsName) fs.rmSync(path.join(folder, f), { force: true });
      }
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
      if (!fs.existsSync(modelFile)) {
        throw new ModelFileError(modelFile, 'not found: nothing was saved in this folder (check the path)');
      }
      let json: tf.io.ModelJSON;
      try {
        json = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
      } catch (e) {
        throw new ModelFileError(modelFile, `is not valid JSON (${(e as Error).message}): the file is truncated or is not a model.json`);
      }
      if (json == null || typeof json !== 'object' || json.modelTopology == null) {
        throw new ModelFileError(modelFile, 'has no "modelTopology": it is not a tf.layers model.json');
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const parts: Buffer[] = [];
      for (const group of json.weightsManifest ?? []) {
        for (const p of group.paths) {
          const file = path.join(folder, p);
          if (!fs.existsSync(file)) throw new ModelFileError(file, `missing: ${modelFile} names it as a weights file`);
          parts.push(fs.readFileSync(file));
        }
        specs.push(...group.weights);
      }
      const weightData = Buffer.concat(parts);
      const expected = weightsBytes(specs);
      if (weightData.length !== expected) {
        const names = (json.weightsManifest ?? []).flatMap((g) => g.paths).join(', ');
        throw new ModelFileError(
          path.join(folder, names),
          `holds ${weightData.length} bytes but model.json describes ${expected} bytes of weights: ` +
            'the weights file is truncated or belongs to another model',
        );
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
    },
  };
}

/** Key of the model.json's `userDefinedMetadata` under which `saveModel` keeps its optimizer extras. */
const EXTRAS_KEY = 'seqmodels';
interface OptimizerExtras {
  /** The maximum global norm of `clipGlobalNorm`, if the optimizer clips. */
  clipNorm?: number;
}

/**
 * Save a model to a folder, optimizer state included by default (so training can resume
 * exactly: see the top of the file).
 */
export async function saveModel(
  model: tf.LayersModel,
  dir: string,
  options: { includeOptimizer?: boolean } = {},
): Promise<tf.io.SaveResult> {
  const includeOptimizer = options.includeOptimizer ?? true;
  const handler = fileHandler(dir);
  const withExtras: tf.io.IOHandler = {
    save: (artifacts) => {
      // Extras describe the current optimizer only: drop any that a loaded model carried in.
      const { [EXTRAS_KEY]: _old, ...userMetadata } = (artifacts.userDefinedMetadata ?? {}) as Record<string, {}>;
      const clipNorm = includeOptimizer ? clipNormOf(model.optimizer) : undefined;
      const extras: OptimizerExtras | undefined = clipNorm === undefined ? undefined : { clipNorm };
      const metadata = extras ? { ...userMetadata, [EXTRAS_KEY]: extras } : userMetadata;
      return handler.save!({ ...artifacts, userDefinedMetadata: Object.keys(metadata).length > 0 ? metadata : undefined });
    },
  };
  return model.save(withExtras, { includeOptimizer });
}

/**
 * Load a model saved by `saveModel` (or any tf.layers `model.json` + weights folder), with its
 * optimizer and that optimizer's state when they were saved, gradient clipping included.
 */
export async function loadModel(dir: string, options: { strict?: boolean } = {}): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(fileHandler(dir), { strict: options.strict ?? true });
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(path.join(path.resolve(dir), 'model.json'), `could not be turned into a model: ${(e as Error).message}`);
  }
  const extras = (model.getUserDefinedMetadata() as Record<string, unknown> | undefined)?.[EXTRAS_KEY] as OptimizerExtras | undefined;
  if (extras?.clipNorm !== undefined && model.optimizer) {
    if (!(typeof extras.clipNorm === 'number' && extras.clipNorm > 0)) {
      throw new ModelFileError(path.join(path.resolve(dir), 'model.json'), `has a clip norm that is not a positive number: ${JSON.stringify(extras.clipNorm)}`);
    }
    clipGlobalNorm(model.optimizer, extras.clipNorm);
  }
  if (model.optimizer) useFusedLoss(model); // same loss, fewer kernels (loss.ts); a no-op for other losses
  return model;
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
