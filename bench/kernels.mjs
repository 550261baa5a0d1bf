// The wasm kernels the library replaces, and the fused loss, against what tfjs ships, at the
// shapes of notebook 04's training batch (batch 32, 64 steps, 192 units, 65 characters).
// Run from the repository root after `npx tsc -p lib`:  node bench/kernels.mjs [--quick]
// Prints a table, then as its LAST line one JSON object with every figure (`npm run bench`).
// Each figure is the median over repeated calls, in milliseconds, wall clock.
import { createRequire } from 'node:module';
import os from 'node:os';

import { runReference } from './reference/python.mjs';
const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
// tfjs' own wasm kernels, taken before initBackend replaces some of them.
const shipped = Object.fromEntries(['Slice', 'SplitV', 'GatherV2'].map((k) => [k, tf.getKernel(k, 'wasm')]));
const sm = require('seqmodels/internals');

const quick = process.argv.includes('--quick');
const info = await sm.initBackend({ log: null });
console.log(`[bench/kernels] backend: ${info.name} (${info.reason})`);
if (info.name !== 'wasm') {
  console.log('the replaced kernels are wasm kernels: nothing to compare on this backend');
  console.log(JSON.stringify({ name: 'kernels', backend: info.name, results: {} }));
  process.exit(0);
}
const library = Object.fromEntries(Object.keys(shipped).map((k) => [k, tf.getKernel(k, 'wasm')]));
const use = (which) => {
  for (const [k, config] of Object.entries(which === 'shipped' ? shipped : library)) {
    tf.unregisterKernel(k, 'wasm');
    tf.registerKernel(config);
  }
  sm.setTransposeFreeMatMul(which !== 'shipped');
};

function median(f) {
  for (let i = 0; i < 3; i++) tf.dispose(f());
  const times = [];
  const t0 = performance.now();
  while (times.length < (quick ? 10 : 40) && (times.length < 5 || performance.now() - t0 < (quick ? 500 : 2000))) {
    const t = performance.now();
    tf.dispose(f());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const tfLayersLoss = sm.tfLayersLoss('sparseCategoricalCrossentropy'); // what tf.layers compiles

const seq = tf.randomNormal([32, 65, 192], 0, 1, 'float32', 1); // a fast LSTM's output: h_1..h_64, c_64
const table = tf.randomNormal([65, 32], 0, 1, 'float32', 2);     // an embedding table
const ids = tf.randomUniform([32, 64], 0, 65, 'int32', 3);
const h = tf.randomNormal([2048, 192], 0, 1, 'float32', 4);      // [batch·time, hiddenSize]
const proj = tf.randomNormal([2048, 768], 0, 1, 'float32', 8);   // input projection x W + b of all steps, [time·batch, 4·hiddenSize]
const dz = tf.randomNormal([2048, 65], 0, 1, 'float32', 5);      // gradient at the dense layer's output
const p = tf.softmax(tf.randomNormal([32, 64, 65], 0, 3, 'float32', 6));
const y = tf.randomUniform([32, 64, 1], 0, 65, 'int32', 7).toFloat();
const lossAndGrad = (fn) => () => {
  const { value, grad } = tf.valueAndGrad((q) => tf.mean(fn(y, q)))(p);
  return [value, grad];
};

const cases = [
  ['Slice: all steps but c_T, [32,65,192] -> [32,64,192]', () => tf.slice(seq, [0, 0, 0], [32, 64, 192])],
  ['Slice: the last step, -> [32,1,192]', () => tf.slice(seq, [0, 63, 0], [32, 1, 192])],
  ['SplitV: [2048,768] into 64 steps of [32,768]', () => tf.split(proj, 64, 0)],
  ['GatherV2: embedding lookup, 2,048 ids of 32 floats', () => tf.gather(table, ids)],
  ['matMul Hᵀ dZ: dense layer weight gradient', () => tf.matMul(h, dz, true, false)],
];
const results = {};
for (const [name, f] of cases) {
  use('shipped');
  const a = median(f);
  use('library');
  const b = median(f);
  results[name] = { shippedMs: Number(a.toFixed(3)), libraryMs: Number(b.toFixed(3)), speedup: Number((a / b).toFixed(1)) };
}
{
  const a = median(lossAndGrad(tfLayersLoss));
  const b = median(lossAndGrad(sm.sparseCategoricalCrossentropy));
  results['sparse cross-entropy, value and gradient, [32,64,65]'] = { shippedMs: Number(a.toFixed(3)), libraryMs: Number(b.toFixed(3)), speedup: Number((a / b).toFixed(1)) };
}

console.log('\nmedian ms per call (wall clock): tfjs as shipped, the library\'s');
console.log('operation'.padEnd(56) + 'shipped   library   speed-up');
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(54)} ${r.shippedMs.toFixed(2).padStart(8)} ${r.libraryMs.toFixed(2).padStart(9)} ${r.speedup.toFixed(1).padStart(9)}x`);
}

// The recurrent layers' matrix kernel (lib/src/scratch): GMAC/s (10⁹ multiply-adds per second) of
// the relaxed-SIMD tiles and of the plain SIMD kernel at the fast LSTM's shapes in bench/layers.mjs
// setting (a) (batch 64, 128 units, 512 gate columns). Best of many single calls, alternating the
// two kernels: the best call is the least disturbed by other processes on a shared machine.
const gmac = {};
{
  const arena = sm.createSimdArena(1 << 20);
  const shapes = [
    ['h·U, one thread: 64 x 128 times 128 x 512', 64, 512, 128, false],
    ['h·U, a block of 32 rows (2 threads)', 32, 512, 128, false],
    ['Hᵀ·dG, weight gradient: 128 x 64 times 64 x 512', 128, 512, 64, true],
  ];
  const canRelax = arena !== null && sm.setRelaxedSimdEnabled(true);
  for (const [name, m, n, k, transA] of shapes) {
    if (!arena) break;
    const A = arena.f32(m * k), B = arena.f32(k * n), C = arena.f32(m * n);
    A.forEach((_, i) => (A[i] = Math.sin(i))); B.forEach((_, i) => (B[i] = Math.cos(i)));
    const [sI, sP] = transA ? [1, m] : [k, 1];
    const best = { relaxed: Infinity, simd: Infinity };
    const kernels = canRelax ? ['simd', 'relaxed'] : ['simd'];
    for (let round = 0; round < (quick ? 4 : 12); round++) {
      for (const kernel of kernels) {
        sm.setRelaxedSimdEnabled(kernel === 'relaxed');
        for (let rep = 0; rep < 200; rep++) {
          const t = performance.now();
          arena.gemm(m, n, k, A.byteOffset, sI, sP, B.byteOffset, n, C.byteOffset, n);
          best[kernel] = Math.min(best[kernel], performance.now() - t);
        }
      }
    }
    sm.setRelaxedSimdEnabled(true);
    const rate = (ms) => (Number.isFinite(ms) ? Number(((m * n * k) / ms / 1e6).toFixed(1)) : null);
    gmac[name] = { simdGmacPerSecond: rate(best.simd), relaxedGmacPerSecond: rate(best.relaxed) };
  }
  // The same products on PyTorch's BLAS (one thread), in this run: the ceiling the fast layers'
  // ratio to PyTorch meets (bench/layers.mjs), since both spend most of a batch in these products.
  const ref = runReference('torch_gemm.py', [`--shapes=${shapes.map(([, m, n, k, t]) => [m, n, k, t ? 1 : 0].join(',')).join(';')}`], 'torch');
  shapes.forEach(([name], i) => { if (gmac[name]) gmac[name].openblasGmacPerSecond = ref.ok ? ref.result.gmacPerSecond[i] : null; });
  console.log(`\nmatrix kernel, GMAC/s (best single call): plain SIMD, relaxed SIMD${canRelax ? '' : ' (not available in this runtime)'}, ` +
    (ref.ok ? `torch.mm (PyTorch ${ref.result.torch}, its BLAS, one thread)` : `torch.mm skipped: ${ref.why}`));
  for (const [name, r] of Object.entries(gmac)) {
    const best = r.relaxedGmacPerSecond ?? r.simdGmacPerSecond;
    console.log(`${name.padEnd(54)} ${String(r.simdGmacPerSecond).padStart(8)} ${String(r.relaxedGmacPerSecond ?? '-').padStart(9)}` +
      (r.relaxedGmacPerSecond ? `   x${(r.relaxedGmacPerSecond / r.simdGmacPerSecond).toFixed(2)}` : '') +
      (r.openblasGmacPerSecond ? `   torch.mm ${r.openblasGmacPerSecond} (ours / torch.mm ${(best / r.openblasGmacPerSecond).toFixed(2)})` : ''));
  }
}
const load = os.loadavg()[0];
console.log(`load average (1 min) at the end: ${load.toFixed(1)} on ${os.cpus().length} cores`);
console.log(JSON.stringify({ name: 'kernels', backend: info.name, quick, results, matrixKernelGmacPerSecond: gmac, loadAverage: Number(load.toFixed(2)) }));
