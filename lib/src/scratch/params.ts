/**
 * The weights of a cell: counting, validation, zeros and the arrays in a fixed order.
 */
import { FloatDType, FloatArray, FloatArrayConstructor, ctorOf, dtypeOf, mat } from './mat';
import { checkLength, checkShape } from './shapes';
import { CellConfig, CellParams, gateCount } from './types';

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
