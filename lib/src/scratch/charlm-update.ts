/**
 * The clip-and-Adagrad step of the character model (charlm.ts `trainStep`) with the fused
 * WebAssembly update (fast/fused-adagrad.ts): the same arithmetic as the JavaScript step it
 * replaces (clipByGlobalNorm, clipByValue, adagrad's step over the kernel rows the window reads
 * and then the other arrays), so the same weights bit for bit, in one pass over each array
 * instead of three to four, two entries at a time.
 *
 * The fused update sees only the memory of the output-layer kernel (charlm-kernel.ts), which
 * already holds V and dV; this places the cell's weights and gradients, bᵥ and dbᵥ and Adagrad's
 * sums of squares there too, and the model uses these views as its arrays.
 */
import type { FloatArray, Mat } from './mat';
import type { CellParams } from './types';
import { paramArrays } from './params';
import type { CharLMOutputKernel } from './charlm-kernel';
import { FusedAdagrad, FusedSegment, SEGMENT_BYTES } from './fast/fused-adagrad';

/** What the step needs from the model's configuration (CharLanguageModelConfig). */
export interface FusedStepConfig {
  lr: number;
  eps: number;
  clipNorm?: number;
  clipValue: number;
}

/** Whether a model with this clipping can take the fused step (else the JavaScript step reports the bad value). */
export function fusedClipSupported(clipNorm: number | undefined, clipValue: number): boolean {
  return (!clipNorm || clipNorm > 0) && (!clipValue || clipValue > 0);
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

export class CharLMFusedUpdate {
  readonly cell: CellParams<Float32Array>;    // W, U, b (, bʰ): copies of the initial weights
  readonly grads: CellParams<Float32Array>;   // zeros, same shapes
  readonly by: Float32Array;                  // bᵥ [vocabSize], zeros
  readonly dby: Float32Array;
  private readonly update: FusedAdagrad;
  private readonly rows: FusedSegment[];      // kernel row r: W[r, :], ∂loss/∂W[r, :], its G
  private readonly rest: FusedSegment[];      // U, b (, bʰ), V, bᵥ with their gradients and G

  /** Bytes this needs in the kernel's memory for a cell with these weights. */
  static bytesFor(cell: CellParams, out: { hiddenSize: number; vocabSize: number }): number {
    const arrays = paramArrays(cell).map((a) => a.length).concat([out.vocabSize]);
    const f32 = arrays.reduce((n, k) => n + 2 * align16(4 * k), 0);                              // θ and g
    const f64 = arrays.concat([out.hiddenSize * out.vocabSize]).reduce((n, k) => n + align16(8 * k), 0);   // G
    return f32 + f64 + (out.vocabSize + arrays.length + 1) * SEGMENT_BYTES + 16;
  }

  /** `kernel` was created with `bytesFor(cell, kernel)` extra bytes; `cell` is copied in. */
  constructor(kernel: CharLMOutputKernel, cell: CellParams) {
    const buffer = kernel.memory.buffer;
    let at = kernel.freeAt;
    const take = (bytes: number) => { const a = at; at += align16(bytes); return a; };
    const f32 = (n: number) => new Float32Array(buffer, take(4 * n), n);
    const f64 = (n: number) => new Float64Array(buffer, take(8 * n), n);
    const copy = (a: FloatArray) => { const v = f32(a.length); v.set(a); return v; };
    const matOf = (m: Mat, data: Float32Array): Mat<Float32Array> => ({ rows: m.rows, cols: m.cols, data });
    this.cell = {
      kernel: matOf(cell.kernel, copy(cell.kernel.data)),
      recurrentKernel: matOf(cell.recurrentKernel, copy(cell.recurrentKernel.data)),
      bias: copy(cell.bias),
      ...(cell.recurrentBias ? { recurrentBias: copy(cell.recurrentBias) } : {}),
    };
    this.grads = {
      kernel: matOf(cell.kernel, f32(cell.kernel.data.length)),
      recurrentKernel: matOf(cell.recurrentKernel, f32(cell.recurrentKernel.data.length)),
      bias: f32(cell.bias.length),
      ...(cell.recurrentBias ? { recurrentBias: f32(cell.recurrentBias.length) } : {}),
    };
    const V = kernel.vocabSize;
    this.by = f32(V);
    this.dby = f32(V);
    const segment = (param: Float32Array, grad: Float32Array): FusedSegment => ({ param, grad, state: f64(param.length) });
    const [W, ...others] = paramArrays(this.cell) as Float32Array[];
    const [dW, ...dOthers] = paramArrays(this.grads) as Float32Array[];
    const kH = this.cell.kernel.cols;
    const stateW = f64(W.length);
    this.rows = Array.from({ length: this.cell.kernel.rows }, (_, r) => ({
      param: W.subarray(r * kH, (r + 1) * kH), grad: dW.subarray(r * kH, (r + 1) * kH), state: stateW.subarray(r * kH, (r + 1) * kH),
    }));
    this.rest = others.map((p, i) => segment(p, dOthers[i]));
    this.rest.push(segment(kernel.W, kernel.dW), segment(this.by, this.dby));
    const maxSegments = this.rows.length + this.rest.length;
    this.update = new FusedAdagrad(kernel.memory, take(maxSegments * SEGMENT_BYTES), maxSegments);
    if (at > buffer.byteLength) throw new Error(`CharLMFusedUpdate: the kernel's memory has ${buffer.byteLength} bytes, the layout needs ${at}`);
  }

  /**
   * One step, as charlm.ts's JavaScript `trainStep`: the norm over the rows of W the window reads
   * (`inWindow[r]` = 1, ascending) and all of U, b (, bʰ), V, bᵥ; clip by it, then by value, then Adagrad.
   */
  step(inWindow: Uint8Array, cfg: FusedStepConfig): void {
    const u = this.update;
    u.begin();
    for (let r = 0; r < this.rows.length; r++) if (inWindow[r]) u.add(this.rows[r]);
    for (const s of this.rest) u.add(s);
    const { clipNorm, clipValue } = cfg;
    let norm = Infinity, scale = 1;
    if (clipNorm) {
      norm = Math.sqrt(u.sumSquares());
      if (!Number.isFinite(norm)) throw new Error(`clipByGlobalNorm: expected a finite gradient norm, got ${norm}`);
      if (norm > clipNorm) scale = clipNorm / norm;
    }
    // charlm.ts trainStep: clipping by value is skipped when it cannot change anything
    const clip = clipValue && !(norm <= clipNorm! && norm <= clipValue) ? clipValue : Infinity;
    u.update(scale, clip, cfg.lr, cfg.eps);
  }
}
