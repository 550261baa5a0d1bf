/**
 * The three cells behind one interface, so the loop over time (sequence.ts) is written once:
 * allocation of caches and gradient buffers, and step dispatch.
 */
import { FloatDType, Mat, ctorOf, mat } from '../mat';
import { CellConfig, CellParams, gateCount } from '../types';
import { StepCache, StepGradOut, StepInput } from './types';
import { rnnStep, rnnStepBackward } from './rnn';
import { lstmStep, lstmStepBackward } from './lstm';
import { gruStep, gruStepBackward } from './gru';

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
