// Training throughput of tf.layers' recurrent layers vs the library's fast layers (issue 11).
// Run from the repository root after `npx tsc -p lib`:  node bench/layers.mjs
// Options: --quick (fewer timed batches), --only=lstm,gru,rnn, --settings=a,b
// Prints a table, then as its LAST line one JSON object with every figure (`npm run bench`).
//
// Four runs per setting and cell: tf.layers with tfjs' own wasm kernels ("as shipped"), tf.layers
// with the library's transpose-first matMul kernels (installed by initBackend), and the library's
// fast layers on one thread and on the default number of threads (sequenceThreads()).
// Settings a and b (from the issue): bench/common/settings.mjs.
// Throughput = batchSize * seqLen * batches / seconds ("time steps per second"), measured on a
// few warm batches of `model.trainOnBatch` (one warm-up batch first), both in wall-clock time and
// in this process's CPU time (user + system, `process.cpuUsage`): on a shared machine the wall
// clock also counts other processes, the CPU time does not (the backend is single-threaded).
// PyTorch beside them (setting a only, same run): bench/reference/torch_layers.py trains the same
// model with the same optimizer on one thread, and the table gives fast layer / PyTorch; skipped
// with a line saying how to install it when /usr/bin/python3 has no torch.
import { createRequire } from 'node:module';
import { SETTINGS, makeBatch, makeModel } from './common/settings.mjs';
import { runReference } from './reference/python.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const sm = require('seqmodels/internals');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const argValue = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const onlyCells = (argValue('only') ?? 'lstm,gru,rnn').split(',');
const onlySettings = (argValue('settings') ?? 'a,b').split(',');

const info = await sm.initBackend({ log: null });
const wasm = info.name === 'wasm';
const threads = sm.sequenceThreads().threads;
console.log(`[bench/layers] backend: ${info.name} (${info.reason}); matrix kernel: ${sm.matrixKernel()}`);

const CELLS = {
  lstm: { tfLayer: (o) => tf.layers.lstm({ ...o, recurrentActivation: 'sigmoid' }), fast: (o) => sm.fastLstm(o) },
  gru: { tfLayer: (o) => tf.layers.gru({ ...o, recurrentActivation: 'sigmoid' }), fast: (o) => sm.fastGru(o) },
  rnn: { tfLayer: (o) => tf.layers.simpleRNN(o), fast: (o) => sm.fastSimpleRnn(o) },
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Time steps per second of `model.trainOnBatch` on warm batches. */
async function throughput(s, recurrent) {
  const model = makeModel(s, recurrent);
  const { x, y } = makeBatch(s);
  const w0 = performance.now();
  await model.trainOnBatch(x, y); // warm-up (kernel set-up, optimizer slots)
  const warmSeconds = (performance.now() - w0) / 1000;
  // Slow batches (tf.layers at setting b on a loaded machine: 20 s and more) are timed once, to
  // keep the whole benchmark within a few minutes.
  const minBatches = quick || warmSeconds > 3 ? 1 : 2;
  const minSeconds = quick ? 1 : 2;
  const maxBatches = 20;
  let n = 0;
  const t0 = performance.now();
  const c0 = cpuMs();
  while (n < maxBatches && (n < minBatches || performance.now() - t0 < minSeconds * 1000)) {
    await model.trainOnBatch(x, y);
    n++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (cpuMs() - c0) / 1000;
  tf.dispose([x, y]);
  model.dispose();
  const steps = s.batchSize * s.seqLen * n;
  return { stepsPerSecond: steps / seconds, stepsPerCpuSecond: steps / cpuSeconds, batches: n, secondsPerBatch: seconds / n };
}

const results = {};
const rows = [];
const tStart = performance.now();
for (const sk of onlySettings) {
  const s = SETTINGS[sk];
  for (const ck of onlyCells) {
    const c = CELLS[ck];
    // tf.layers as shipped (on wasm: tfjs' own matMul kernels, slow with transposed operands) ...
    const prevFix = wasm ? sm.setTransposeFreeMatMul(false) : null;
    const stock = wasm ? await throughput(s, c.tfLayer) : null;
    if (wasm) sm.setTransposeFreeMatMul(prevFix);
    // ... and with the library's transpose-first kernels, which every model gets from initBackend.
    const base = await throughput(s, c.tfLayer);
    const prevThreads = sm.setSequenceThreads(1);
    const fast1 = await throughput(s, c.fast);
    sm.setSequenceThreads(prevThreads);
    const fast = await throughput(s, c.fast);
    const ref = stock ?? base;
    const ratio = fast.stepsPerSecond / ref.stepsPerSecond;
    const cpuRatio = fast.stepsPerCpuSecond / ref.stepsPerCpuSecond;
    const r = (a, b) => Number((a / b).toFixed(2));
    results[`${sk}.${ck}`] = {
      setting: s.label,
      tfLayersStockStepsPerSecond: stock && Math.round(stock.stepsPerSecond),
      tfLayersStepsPerSecond: Math.round(base.stepsPerSecond),
      fastOneThreadStepsPerSecond: Math.round(fast1.stepsPerSecond),
      fastStepsPerSecond: Math.round(fast.stepsPerSecond),
      threads: threads,
      ratio: Number(ratio.toFixed(2)),
      ratioVsTfLayersWithLibraryKernels: r(fast.stepsPerSecond, base.stepsPerSecond),
      threadSpeedup: r(fast.stepsPerSecond, fast1.stepsPerSecond),
      tfLayersStockStepsPerCpuSecond: stock && Math.round(stock.stepsPerCpuSecond),
      tfLayersStepsPerCpuSecond: Math.round(base.stepsPerCpuSecond),
      fastOneThreadStepsPerCpuSecond: Math.round(fast1.stepsPerCpuSecond),
      fastStepsPerCpuSecond: Math.round(fast.stepsPerCpuSecond),
      cpuRatio: Number(cpuRatio.toFixed(2)),
      secondsPerBatch: Object.fromEntries(Object.entries({ stock, base, fast1, fast }).filter(([, v]) => v).map(([k, v]) => [k, Number(v.secondsPerBatch.toFixed(4))])),
    };
    rows.push([s.label, ck, stock, base, fast1, fast]);
    console.log(
      `${s.label.padEnd(34)} ${ck.padEnd(5)} tf.layers ${stock ? Math.round(stock.stepsPerSecond) + ' (as shipped), ' : ''}` +
        `${Math.round(base.stepsPerSecond)} (library kernels); fast ${Math.round(fast1.stepsPerSecond)} (1 thread), ` +
        `${Math.round(fast.stepsPerSecond)} (${threads} threads) steps/s: x${ratio.toFixed(2)} (CPU time x${cpuRatio.toFixed(2)})`,
    );
  }
}

console.log(`
Wall clock, time steps per second (CPU time in brackets: steps per CPU-second of this process).
"shipped": tf.layers with tfjs' own wasm kernels; "lib kernels": tf.layers with the library's transpose-first
matMul (what initBackend installs); fast: the library's layers on 1 and on ${threads} threads.
ratio = fast (${threads} threads) / tf.layers as shipped (the issue's measure); ratio2 = fast / tf.layers with lib kernels.`);
console.log('setting                            cell      shipped   lib kernels   fast 1 thr   fast ' + `${threads} thr`.padEnd(6) + '  ratio  ratio2');
for (const [label, ck, st, b, f1, f] of rows) {
  const n = (v, w) => (v ? Math.round(v.stepsPerSecond).toString() : '-').padStart(w);
  const ref = st ?? b;
  console.log(
    `${label.padEnd(34)} ${ck.padEnd(5)} ${n(st, 10)} ${n(b, 13)} ${n(f1, 12)} ${n(f, 10)} ${(f.stepsPerSecond / ref.stepsPerSecond).toFixed(2).padStart(7)}` +
      ` ${(f.stepsPerSecond / b.stepsPerSecond).toFixed(2).padStart(7)}`,
  );
  const c = (v, w) => (v ? `(${Math.round(v.stepsPerCpuSecond)})` : '').padStart(w);
  console.log(`${''.padEnd(40)} ${c(st, 10)} ${c(b, 13)} ${c(f1, 12)} ${c(f, 10)} ${(f.stepsPerCpuSecond / ref.stepsPerCpuSecond).toFixed(2).padStart(7)}`);
}
// PyTorch, one thread, setting (a), in this same run.
let pytorch = null;
if (onlySettings.includes('a')) {
  const ref = runReference('torch_layers.py', [`--cells=${onlyCells.join(',')}`, `--seconds=${quick ? 1 : 2}`], 'torch');
  if (!ref.ok) {
    console.log(`\nPyTorch reference skipped: ${ref.why}`);
    pytorch = { skipped: ref.why };
  } else {
    const { torch, blas, results: tr } = ref.result;
    console.log(`\nPyTorch ${torch} on one thread (${blas}), setting ${SETTINGS.a.label}, same run; time steps per second:`);
    console.log('cell   PyTorch 1 thr   fast 1 thr   fast ' + `${threads} thr`.padEnd(6) + '   fast 1 thr / PyTorch   fast / PyTorch   per CPU second: fast 1 thr / PyTorch');
    pytorch = { torch, blas, results: {} };
    for (const ck of onlyCells) {
      const mine = results[`a.${ck}`];
      const theirs = tr[ck];
      if (!mine || !theirs) continue;
      const r1 = mine.fastOneThreadStepsPerSecond / theirs.stepsPerSecond;
      const r = mine.fastStepsPerSecond / theirs.stepsPerSecond;
      const rc = mine.fastOneThreadStepsPerCpuSecond / theirs.stepsPerCpuSecond;   // steadier on a loaded machine
      pytorch.results[ck] = { pytorchStepsPerSecond: theirs.stepsPerSecond, pytorchStepsPerCpuSecond: theirs.stepsPerCpuSecond,
        ratioFastOneThread: Number(r1.toFixed(2)), ratioFast: Number(r.toFixed(2)), ratioFastOneThreadCpu: Number(rc.toFixed(2)) };
      console.log(`${ck.padEnd(6)} ${String(theirs.stepsPerSecond).padStart(13)} ${String(mine.fastOneThreadStepsPerSecond).padStart(12)} ${String(mine.fastStepsPerSecond).padStart(10)}`
        + ` ${r1.toFixed(2).padStart(22)} ${r.toFixed(2).padStart(16)} ${rc.toFixed(2).padStart(38)}`);
    }
  }
}
const lstmGru = Object.entries(results).filter(([k]) => /\.(lstm|gru)$/.test(k));
const targetMet = lstmGru.length > 0 && lstmGru.every(([, v]) => v.ratio >= 3);
const load = (await import('node:os')).loadavg()[0];
console.log(`load average (1 min) at the end: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
console.log(`target (issue 11: LSTM and GRU >= 3x tf.layers at both settings): ${targetMet ? 'met' : 'NOT met'}; wall ${((performance.now() - tStart) / 1000).toFixed(1)} s`);
// Issue 24: the fast LSTM and GRU at 0.9 of PyTorch, both on one thread, setting (a).
const vsTorch = pytorch?.results ? ['lstm', 'gru'].filter((c) => pytorch.results[c]).map((c) => [c, pytorch.results[c].ratioFastOneThread]) : [];
const pytorchTargetMet = vsTorch.length === 2 ? vsTorch.every(([, r]) => r >= 0.9) : null;
console.log(`target (issue 24: fast LSTM and GRU >= 0.9 of PyTorch, one thread each): ${pytorchTargetMet === null ? 'not measured'
  : `${pytorchTargetMet ? 'met' : 'NOT met'} (${vsTorch.map(([c, r]) => `${c} ${r}`).join(', ')}; where the time goes and what stands in the way: bench/profile.mjs)`}`);
console.log(JSON.stringify({ name: 'layers', backend: info.name, matrixKernel: sm.matrixKernel(), quick, results, pytorch, targetMet, pytorchTargetMet, loadAverage: Number(load.toFixed(2)), seconds: Number(((performance.now() - tStart) / 1000).toFixed(1)) }));
