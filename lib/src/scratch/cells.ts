/**
 * The three cells behind one interface, so the loop over time (sequence.ts) is written once:
 * parameter validation, allocation of caches and gradient buffers, and step dispatch.
 */
import { FloatDType, FloatArray, FloatArrayConstructor, Mat, ctorOf, dtypeOf, mat } from './mat';
import { checkLength, checkShape } from './shapes';
import { CellConfig, CellParams, StepCache, StepGradOut, StepInput, gateCount } from './types';
import { rnnStep, rnnStepBackward } from './rnn';
import { lstmStep, lstmStepBackward } from './lstm';
import { gruStep, gruStepBackward } from './gru';

/** Number of trainable values: k·H·(inputSize + H + 1), plus k·H for the GRU's second bias. */
export function paramCount(cfg: CellConfig): number {
  checkConfig(cfg);
  const kH = gateCount(cfg.cell) * cfg.hiddenSize;
  return kH * (cfg.inputSize + cfg.hiddenSize + 1) + (cfg.cell === 'gru' && cfg.resetAfter ? kH : 0);
}

export function checkConfig(cfg: CellConfig): void {
  if (cfg.cell !== 'rnn' && cfg.cell !== 'lstm' && cfg.cell !== 'gru') {
    throw new Error(`cell: expected 'rnn', 'lstm' or 'gru', got ${JSON.stringify(cfg.cell)}`);
  }
  for (const key of ['inputSize', 'hiddenSize'] as const) {
    const v = cfg[key];
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${key}: expected a positive integer, got ${v}`);
  }
  if (cfg.resetAfter && cfg.cell !== 'gru') throw new Error(`resetAfter: only the GRU has it, got cell '${cfg.cell}'`);
}

/** Throws unless every weight has the shape `cfg` implies (errors name expected and actual). */
export function checkParams(cfg: CellConfig, params: CellParams, what = 'params'): void {
  checkConfig(cfg);
  const kH = gateCount(cfg.cell) * cfg.hiddenSize;
  checkShape(params.kernel, cfg.inputSize, kH, `${cfg.cell} ${what}.kernel`);
  checkShape(params.recurrentKernel, cfg.hiddenSize, kH, `${cfg.cell} ${what}.recurrentKernel`);
  checkLength(params.bias, kH, `${cfg.cell} ${what}.bias`);
  const resetAfter = cfg.cell === 'gru' && !!cfg.resetAfter;
  if (resetAfter) checkLength(params.recurrentBias, kH, `gru (resetAfter) ${what}.recurrentBias`);
  else if (params.recurrentBias !== undefined) {
    throw new Error(`${cfg.cell} ${what}.recurrentBias: expected none (only the resetAfter GRU has it), got shape [${params.recurrentBias.length}]`);
  }
  const C = params.kernel.data.constructor;
  for (const [name, a] of [['recurrentKernel', params.recurrentKernel.data], ['bias', params.bias],
    ['recurrentBias', params.recurrentBias]] as const) {
    if (a && a.constructor !== C) {
      throw new Error(`${cfg.cell} ${what}.${name}: expected ${C.name} like the kernel, got ${a.constructor.name}`);
    }
  }
}

/** Zero weights (or gradient accumulators) of the right shapes. */
export function zeroParams(cfg: CellConfig, dtype: FloatDType = 'float32'): CellParams {
  const C = ctorOf(dtype);
  const kH = gateCount(cfg.cell) * cfg.hiddenSize;
  const p: CellParams = {
    kernel: mat(cfg.inputSize, kH, C),
    recurrentKernel: mat(cfg.hiddenSize, kH, C),
    bias: new C(kH),
  };
  if (cfg.cell === 'gru' && cfg.resetAfter) p.recurrentBias = new C(kH);
  return p;
}

/** Zeros shaped like `params` (same array type): a gradient accumulator. */
export function zerosLike(params: CellParams): CellParams {
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const p: CellParams = {
    kernel: mat(params.kernel.rows, params.kernel.cols, C),
    recurrentKernel: mat(params.recurrentKernel.rows, params.recurrentKernel.cols, C),
    bias: new C(params.bias.length),
  };
  if (params.recurrentBias) p.recurrentBias = new C(params.recurrentBias.length);
  return p;
}

/** The arrays of a parameter set in a fixed order (kernel, recurrentKernel, bias[, recurrentBias]). */
export function paramArrays(p: CellParams): FloatArray[] {
  const out: FloatArray[] = [p.kernel.data, p.recurrentKernel.data, p.bias];
  if (p.recurrentBias) out.push(p.recurrentBias);
  return out;
}

export function dtypeOfParams(p: CellParams): FloatDType {
  return dtypeOf(p.kernel.data);
}

/** Preallocated buffers for one forward step of `cfg` at `batchSize`. */
export function allocStepCache(cfg: CellConfig, batchSize: number, dtype: FloatDType = 'float32'): StepCache {
  const C = ctorOf(dtype);
  const H = cfg.hiddenSize;
  const G = gateCount(cfg.cell) * H;
  const empty = mat(batchSize, H, C);
  const cache: StepCache = { x: new Int32Array(0), hPrev: empty, gates: mat(batchSize, G, C), h: mat(batchSize, H, C) };
  if (cfg.cell === 'lstm') {
    cache.cPrev = empty;
    cache.c = mat(batchSize, H, C);
  }
  if (cfg.cell !== 'rnn') cache.aux = mat(batchSize, H, C);
  return cache;
}

/** Preallocated outputs of one backward step. */
export function allocStepGradOut(cfg: CellConfig, batchSize: number, dtype: FloatDType = 'float32', withDx = false): StepGradOut {
  const C = ctorOf(dtype);
  const H = cfg.hiddenSize;
  const out: StepGradOut = { dhPrev: mat(batchSize, H, C), dGates: mat(batchSize, gateCount(cfg.cell) * H, C) };
  if (cfg.cell === 'lstm') out.dcPrev = mat(batchSize, H, C);
  if (withDx) out.dx = mat(batchSize, cfg.inputSize, C);
  return out;
}

/** Forward step of any cell. */
export function cellStep(cfg: CellConfig, params: CellParams, x: StepInput, hPrev: Mat, cPrev: Mat | undefined, cache: StepCache): StepCache {
  switch (cfg.cell) {
    case 'rnn': return rnnStep(params, x, hPrev, cache);
    case 'lstm': return lstmStep(params, x, hPrev, cPrev!, cache);
    case 'gru': return gruStep(params, x, hPrev, cache);
  }
}

/** Backward step of any cell. */
export function cellStepBackward(
  cfg: CellConfig, params: CellParams, cache: StepCache, dh: Mat, dc: Mat | null, grads: CellParams, out: StepGradOut,
): StepGradOut {
  switch (cfg.cell) {
    case 'rnn': return rnnStepBackward(params, cache, dh, grads, out);
    case 'lstm': return lstmStepBackward(params, cache, dh, dc, grads, out);
    case 'gru': return gruStepBackward(params, cache, dh, grads, out);
  }
}
