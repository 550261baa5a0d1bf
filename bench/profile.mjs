// Where the time goes, split into the matrix products and everything else: a training batch of
// the fast LSTM and GRU against PyTorch, both on one thread, at setting (a) of bench/layers.mjs
// (one-hot 65, T=40, B=64, H=128, Adam), and the from-scratch LSTM at batch 32 against NumPy
// (bench/scratch-cells.mjs' setting). Issue 24 asks for 0.9 of PyTorch and NumPy's speed "or
// says, with profiles, what stands in the way": this is that account.
// Run from the repository root after `npx tsc -p lib`:  node bench/profile.mjs [--quick]
// Prints a table, then as its LAST line one JSON object with every figure (`npm run bench`).
//
// Ours: V8's sampling CPU profiler (node:inspector) over warm batches on the main thread
// (setSequenceThreads(1)); each sample is put in a category by the code it is in: a WebAssembly
// function counts for the JavaScript file that called it (the matrix kernel is called from
// src/scratch/fast/gemm.ts). The shares are applied to the batch time measured without the
// profiler. PyTorch: bench/reference/torch_profile.py (torch.autograd.profiler's operator times);
// NumPy: bench/reference/numpy_lstm.py (its products timed alone on arrays of the same shapes).
// The matrix products' speed is their multiply-adds per batch (counted from the shapes: forward
// h·U, backward ∂h = ∂G·Uᵀ and ∂U = hᵀ·∂G, every step; the one-hot input needs no product) over
// their time.
import inspector from 'node:inspector';
import { createRequire } from 'node:module';
import os from 'node:os';
import { SCRATCH_SETTINGS, setup } from './common/scratch-run.mjs';
import { SETTINGS, makeBatch, makeModel } from './common/settings.mjs';
import { runReference } from './reference/python.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const sm = require('seqmodels/internals');

const quick = process.argv.includes('--quick');
const BATCHES = quick ? 8 : 30;
const info = await sm.initBackend({ log: null });
console.log(`[bench/profile] backend: ${info.name}; matrix kernel: ${sm.matrixKernel()}`);
const s = SETTINGS.a;
const GATES = { lstm: 4, gru: 3 };
const MAKE = { lstm: sm.fastLstm, gru: sm.fastGru };

// Categories, first match wins: the file of the nearest JavaScript frame (library files are
// lib/dist/..., tfjs' are under node_modules/@tensorflow).
const CATEGORIES = [
  ['matrix products (SIMD kernel)', (url) => /scratch\/fast\/(gemm|simd|simd-relaxed)\.js$/.test(url)],
  ['gate maths (σ, tanh, ⊙), JavaScript', (url) => /scratch\/fast\/(lstm|gru|rnn|cells)\.js$/.test(url)],
  ['sequence loop: one-hot rows, copies', (url) => /scratch\/fast\/(sequence|affine)\.js$|scratch\/(mat|params)\.js$|layers\/simd-(engine|part)\.js$/.test(url)],
  ['tfjs: dense, loss, Adam, tensors', (url) => url.includes('@tensorflow')],
];
const GC = 'garbage collection';
const OTHER = 'other';
const NAMES = [...CATEGORIES.map(([n]) => n), GC, OTHER];

function post(session, method, params = {}) {
  return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
}

/** Milliseconds of profile per category. */
function categorize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const category = new Map();
  const categoryOf = (id) => {
    if (category.has(id)) return category.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    let c;
    if (functionName === '(garbage collector)') c = GC;
    else if (functionName === '(idle)') c = null;
    else if (url && !url.startsWith('wasm://')) c = CATEGORIES.find(([, test]) => test(url))?.[0] ?? OTHER;
    else c = parent.has(id) ? categoryOf(parent.get(id)) : OTHER;   // WebAssembly, builtins: their caller's
    category.set(id, c);
    return c;
  };
  const ms = Object.fromEntries(NAMES.map((n) => [n, 0]));
  profile.samples.forEach((id, i) => {
    const c = categoryOf(id);
    if (c) ms[c] += (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return ms;
}

/** ms per call of `run` without the profiler, and the same calls' ms per category. */
async function profiled(run, calls) {
  for (let i = 0; i < 3; i++) await run();   // warm-up
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await run();
  const msPerCall = (performance.now() - t0) / calls;
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });   // µs
  await post(session, 'Profiler.start');
  for (let i = 0; i < calls; i++) await run();
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  const sampled = categorize(profile);
  const total = Object.values(sampled).reduce((a, b) => a + b, 0);
  const ms = Object.fromEntries(NAMES.map((n) => [n, (msPerCall * sampled[n]) / total]));
  return { msPerCall, ms, productsMs: ms[NAMES[0]] };
}

async function profileCell(cell) {
  const model = makeModel(s, MAKE[cell]);
  const { x, y } = makeBatch(s);
  const r = await profiled(() => model.trainOnBatch(x, y), BATCHES);
  tf.dispose([x, y]);
  model.dispose();
  const macs = 3 * s.seqLen * s.batchSize * s.hiddenSize * GATES[cell] * s.hiddenSize;
  return { ...r, gmacPerSecond: macs / (r.productsMs / 1000) / 1e9 };
}

const prevThreads = sm.setSequenceThreads(1);
const ours = {};
for (const cell of Object.keys(MAKE)) ours[cell] = await profileCell(cell);
sm.setSequenceThreads(prevThreads);

const ref = runReference('torch_profile.py', [`--cells=${Object.keys(MAKE).join(',')}`, `--batches=${quick ? 5 : 20}`], 'torch');
const theirs = ref.ok ? ref.result.results : null;

const f = (v, w = 12) => (v === undefined || v === null ? '-' : v.toFixed(1)).padStart(w);
const cells = Object.keys(MAKE);
console.log(`\nWhere a training batch's time goes, setting ${s.label}, Adam, one thread; ms per batch`);
console.log(`(ours: V8's CPU profile of ${BATCHES} batches, shares of the unprofiled batch time; PyTorch: its profiler's operator times)`);
console.log(''.padEnd(40) + cells.map((c) => `fast ${c}`.padStart(12) + (theirs ? `PyTorch ${c}`.padStart(14) : '')).join(''));
for (const n of NAMES) {
  const isProducts = n === NAMES[0];
  console.log(n.padEnd(40) + cells.map((c) => f(ours[c].ms[n]) + (theirs ? f(isProducts ? theirs[c].productsMs : null, 14) : '')).join(''));
}
const rest = (c) => ours[c].msPerCall - ours[c].productsMs;
console.log('everything but the products'.padEnd(40) + cells.map((c) => f(rest(c)) + (theirs ? f(theirs[c].restMs, 14) : '')).join(''));
console.log('whole batch'.padEnd(40) + cells.map((c) => f(ours[c].msPerCall) + (theirs ? f(theirs[c].msPerBatch, 14) : '')).join(''));
console.log(`our products' speed: ${cells.map((c) => `${c} ${ours[c].gmacPerSecond.toFixed(1)} GMAC/s`).join(', ')} (multiply-adds counted from the shapes)`);

/**
 * The gap to a reference, split: ratio = reference time / ours (1 = as fast), and what it would be
 * with our products as fast as the reference's (our rest as now), or the rest as fast (our
 * products as now).
 */
function gap(name, mine, ref, refName) {
  const rest = mine.msPerCall - mine.productsMs, refRest = ref.ms - ref.productsMs;
  const a = {
    ratio: +(ref.ms / mine.msPerCall).toFixed(2),
    ifProductsAsReference: +(ref.ms / (rest + ref.productsMs)).toFixed(2),
    ifRestAsReference: +(ref.ms / (mine.productsMs + refRest)).toFixed(2),
    productsGap: +(mine.productsMs / ref.productsMs).toFixed(2),
    restGap: +(rest / refRest).toFixed(2),
  };
  const larger = rest - refRest > mine.productsMs - ref.productsMs ? 'everything but the products' : 'the matrix products';
  console.log(`${name}: ${a.ratio} of ${refName} now; our products take ${a.productsGap}x ${refName}'s time, the rest ${a.restGap}x. `
    + `With products as fast as ${refName}'s (the rest as now): ${a.ifProductsAsReference}; with the rest as fast as ${refName}'s `
    + `(products as now): ${a.ifRestAsReference}. The larger gap: ${larger}.`);
  return a;
}

const account = {};
if (!theirs) {
  console.log(`\nPyTorch reference skipped: ${ref.why}`);
} else {
  console.log(`\nPyTorch ${ref.result.torch} (${ref.result.blas}). What stands in the way of 0.9 of PyTorch:`);
  for (const c of cells) account[c] = gap(`fast ${c}`, ours[c], { ms: theirs[c].msPerBatch, productsMs: theirs[c].productsMs }, 'PyTorch');
}

// The from-scratch LSTM at batch 32 (bench/scratch-cells.mjs' setting) against NumPy.
const b32 = SCRATCH_SETTINGS.find((x) => x.name === 'batch32');
const scratch = await profiled(setup({ cell: 'lstm' }, b32), quick ? 10 : 40);
const { batchSize: B, hiddenSize: H, inputSize: D, seqLen: T } = b32;
scratch.gmacPerSecond = (3 * T * B * 4 * H * (D + H)) / (scratch.productsMs / 1000) / 1e9;
const np = runReference('numpy_lstm.py', [`--seconds=${quick ? 0.5 : 1.5}`], 'numpy');
const npRef = np.ok ? { ms: np.result.results.batch32.medianRoundMs, productsMs: np.result.results.batch32.productsMedianRoundMs } : null;
console.log(`\nThe from-scratch LSTM, forward and backward, batch 32, hidden 128, dense input 65, 50 steps (bench/scratch-cells.mjs); ms per iteration`);
console.log(''.padEnd(40) + 'from scratch'.padStart(12) + (npRef ? `NumPy ${np.result.numpy}`.padStart(14) : ''));
for (const n of NAMES) console.log(n.padEnd(40) + f(scratch.ms[n]) + (npRef ? f(n === NAMES[0] ? npRef.productsMs : null, 14) : ''));
console.log('everything but the products'.padEnd(40) + f(scratch.msPerCall - scratch.productsMs) + (npRef ? f(npRef.ms - npRef.productsMs, 14) : ''));
console.log('whole iteration'.padEnd(40) + f(scratch.msPerCall) + (npRef ? f(npRef.ms, 14) : ''));
console.log(`our products' speed: ${scratch.gmacPerSecond.toFixed(1)} GMAC/s (NumPy: median rounds; its products timed alone on arrays of the same shapes)`);
let scratchAccount = null;
if (!npRef) console.log(`NumPy reference skipped: ${np.why}`);
else scratchAccount = gap('from-scratch LSTM, batch 32', scratch, npRef, 'NumPy');

const load = os.loadavg()[0];
console.log(`load average (1 min) at the end: ${load.toFixed(1)} on ${os.cpus().length} cores`);
console.log(JSON.stringify({ name: 'profile', backend: info.name, matrixKernel: sm.matrixKernel(), quick, setting: s.label, batches: BATCHES,
  ours, pytorch: theirs ? { torch: ref.result.torch, blas: ref.result.blas, results: theirs } : { skipped: ref.why }, account,
  scratch, numpy: npRef ?? { skipped: np.why }, scratchAccount, loadAverage: +load.toFixed(2) }));
