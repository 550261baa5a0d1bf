/**
 * Converters between our layout (tf.layers) and PyTorch's nn.RNN / nn.LSTM / nn.GRU.
 *
 *            ours (tf.layers)                       PyTorch
 * input      kernel W [inputSize, k*H]              weight_ih [k*H, inputSize]  (= Wᵀ)
 * recurrent  recurrentKernel U [H, k*H]             weight_hh [k*H, H]          (= Uᵀ)
 * biases     bias [k*H] (+ recurrentBias)           bias_ih [k*H], bias_hh [k*H]
 * gate order RNN: —; LSTM: i, f, c, o; GRU: z, r, h   RNN: —; LSTM: i, f, g, o (same); GRU: r, z, n (differs)
 *
 * PyTorch's GRU is the reset-after GRU: bias_ih ↔ bias, bias_hh ↔ recurrentBias. The reset-before
 * GRU (tf.layers) has no PyTorch equivalent and is refused. For the RNN and LSTM, PyTorch's two
 * biases only ever appear as a sum: toPyTorchLayout puts our bias in bias_ih and zeros in
 * bias_hh, fromPyTorchLayout adds them. So ours → PyTorch → ours is exact, and
 * PyTorch → ours → PyTorch is exact up to moving bias_hh into bias_ih.
 */
import { FloatArray, FloatArrayConstructor, Mat, mat } from './mat';
import { checkLength, checkShape } from './shapes';
import { checkParams } from './params';
import { CellConfig, CellParams, gateCount } from './types';

export interface PyTorchParams<A extends FloatArray = FloatArray> {
  weight_ih: Mat<A>; // [k*H, inputSize]
  weight_hh: Mat<A>; // [k*H, H]
  bias_ih: A;        // [k*H]
  bias_hh: A;        // [k*H]
}

/** For gate block g in PyTorch order, the block in our order. */
function ourBlock(cfg: CellConfig, g: number): number {
  if (cfg.cell !== 'gru') return g;
  return [1, 0, 2][g]; // PyTorch r, z, n → ours z, r, h: r is our 1, z our 0, n our 2
}

function checkPyTorchCfg(cfg: CellConfig): void {
  if (cfg.cell === 'gru' && !cfg.resetAfter) {
    throw new Error("PyTorch layout: expected a GRU with resetAfter: true (PyTorch's GRU applies the reset after the recurrent matmul), got resetAfter: false");
  }
}

/** [k*H, n] PyTorch rows ← transpose of our [n, k*H] with gate blocks permuted. */
function toRows(cfg: CellConfig, m: Mat): Mat {
  const H = cfg.hiddenSize, k = gateCount(cfg.cell), n = m.rows;
  const out = mat(k * H, n, m.data.constructor as FloatArrayConstructor);
  for (let g = 0; g < k; g++) {
    const og = ourBlock(cfg, g);
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < n; i++) out.data[(g * H + j) * n + i] = m.data[i * k * H + og * H + j];
    }
  }
  return out;
}

function fromRows(cfg: CellConfig, m: Mat, n: number): Mat {
  const H = cfg.hiddenSize, k = gateCount(cfg.cell);
  const out = mat(n, k * H, m.data.constructor as FloatArrayConstructor);
  for (let g = 0; g < k; g++) {
    const og = ourBlock(cfg, g);
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < n; i++) out.data[i * k * H + og * H + j] = m.data[(g * H + j) * n + i];
    }
  }
  return out;
}

function permuteBias(cfg: CellConfig, b: FloatArray, toTorch: boolean): FloatArray {
  const H = cfg.hiddenSize, k = gateCount(cfg.cell);
  const out = new (b.constructor as FloatArrayConstructor)(k * H);
  for (let g = 0; g < k; g++) {
    const og = ourBlock(cfg, g);
    for (let j = 0; j < H; j++) {
      if (toTorch) out[g * H + j] = b[og * H + j];
      else out[og * H + j] = b[g * H + j];
    }
  }
  return out;
}

export function toPyTorchLayout(cfg: CellConfig, params: CellParams): PyTorchParams {
  checkPyTorchCfg(cfg);
  checkParams(cfg, params);
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  return {
    weight_ih: toRows(cfg, params.kernel),
    weight_hh: toRows(cfg, params.recurrentKernel),
    bias_ih: permuteBias(cfg, params.bias, true),
    bias_hh: params.recurrentBias ? permuteBias(cfg, params.recurrentBias, true) : new C(params.bias.length),
  };
}

export function fromPyTorchLayout(cfg: CellConfig, pt: PyTorchParams): CellParams {
  checkPyTorchCfg(cfg);
  const kH = gateCount(cfg.cell) * cfg.hiddenSize;
  checkShape(pt.weight_ih, kH, cfg.inputSize, `${cfg.cell} weight_ih`);
  checkShape(pt.weight_hh, kH, cfg.hiddenSize, `${cfg.cell} weight_hh`);
  checkLength(pt.bias_ih, kH, `${cfg.cell} bias_ih`);
  checkLength(pt.bias_hh, kH, `${cfg.cell} bias_hh`);
  const p: CellParams = {
    kernel: fromRows(cfg, pt.weight_ih, cfg.inputSize),
    recurrentKernel: fromRows(cfg, pt.weight_hh, cfg.hiddenSize),
    bias: permuteBias(cfg, pt.bias_ih, false),
  };
  if (cfg.cell === 'gru') p.recurrentBias = permuteBias(cfg, pt.bias_hh, false);
  else {
    const bhh = permuteBias(cfg, pt.bias_hh, false);
    for (let i = 0; i < kH; i++) p.bias[i] += bhh[i];
  }
  return p;
}
