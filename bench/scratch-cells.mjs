// Forward+backward throughput of the from-scratch cells (lib/src/scratch), issue 3.
// Run `npx tsc -p lib` first: this script loads the built package (lib/dist) by name.
//   node bench/scratch-cells.mjs            prints a table and a JSON line; exports `results`
//   BENCH_SECONDS=0.5 node bench/...        shorter runs (default 1.5 s per measurement)
// Settings (issue 3): batch 1, hidden 100, vocabulary 65 one-hot, 25 steps (min-char-rnn), and
// batch 32, hidden 128, dense input 65, 50 steps. One iteration = forwardSequence + backwardSequence
// (all weight, bias and initial-state gradients; input gradients too for the dense setting),
// Float32, buffers reused through a workspace. Throughput counts time steps per second, times the
// batch size at batch 32 (sample-steps/s), as the NumPy reference does.
// The NumPy reference (bench/reference/numpy_lstm.py: the same LSTM maths, float32, one BLAS thread)
// runs first in this same run; ratios compare like with like (wall to wall, best round to best
// round, median to median; CPU-time figures to NumPy's steps per CPU second). Without NumPy the ratios are
// left out, with a line saying how to get it.
import { createRequire } from 'node:module';
import { SCRATCH_SETTINGS, setup } from './common/scratch-run.mjs';
import { runReference } from './reference/python.mjs';

const require = createRequire(import.meta.url);
const sm = require('seqmodels/internals');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

const numpy = runReference('numpy_lstm.py', [`--seconds=${SECONDS}`], 'numpy');
if (numpy.ok) console.log(`NumPy ${numpy.result.numpy} LSTM reference, one thread, this run: ` +
  Object.entries(numpy.result.results).map(([k, r]) => `${k} ${r.stepsPerSecond} (best round ${r.stepsPerSecondBestRound})`).join(', '));
else console.log(`NumPy reference skipped: ${numpy.why}`);
// Per setting: { stepsPerSecond, stepsPerSecondBestRound, stepsPerSecondMedianRound, stepsPerCpuSecond }, or null.
const NUMPY_LSTM = numpy.ok ? numpy.result.results : { batch1: null, batch32: null };

const SETTINGS = SCRATCH_SETTINGS.map((s) => ({ ...s, reference: NUMPY_LSTM[s.name] }));
const CELLS = [
  { name: 'rnn', cell: 'rnn' },
  { name: 'lstm', cell: 'lstm' },
  { name: 'gru', cell: 'gru', resetAfter: false },
  { name: 'gru-reset-after', cell: 'gru', resetAfter: true },
  { name: 'lstm-js-no-simd', cell: 'lstm', simd: false },   // the same code with the SIMD kernels off
];

// Four views of the same runs, because this machine is shared: total wall-clock time; the best
// and the median of short rounds (about 50 ms, at least one iteration: the best round is the one
// least disturbed by other processes, closest to an idle machine; the NumPy reference measures the
// same rounds; the median is the typical round, and steadier than the best from run to run);
// and this process's CPU time, in total and as the median over rounds of CPU time per iteration
// (the steadiest view when other processes compete for the cores and caches).
function measure(run) {
  const warmEnd = performance.now() + 300;
  let warm = 0;
  for (; performance.now() < warmEnd; warm++) run();
  const perRound = Math.max(1, Math.round((warm * 50) / 300));   // about 50 ms per round
  let iters = 0;
  const rounds = [];                                              // seconds per iteration, per round
  const cpuRounds = [];                                           // CPU seconds per iteration, per round
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let t1 = t0;
  while (t1 - t0 < SECONDS * 1000 || rounds.length < 5) {
    const r0 = performance.now();
    const rc0 = process.cpuUsage();
    for (let i = 0; i < perRound; i++) run();
    t1 = performance.now();
    const rc = process.cpuUsage(rc0);
    rounds.push((t1 - r0) / perRound / 1000);
    cpuRounds.push((rc.user + rc.system) / 1e6 / perRound);
    iters += perRound;
  }
  const c = process.cpuUsage(c0);
  const median = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  return {
    iters, seconds: (t1 - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, bestSeconds: Math.min(...rounds),
    medianSeconds: median(rounds), medianCpuSeconds: median(cpuRounds), rounds: rounds.length,
  };
}

const ratio = (a, b) => (b ? +(a / b).toFixed(2) : null);
const os = await import('node:os');
export const results = {
  machine: { node: process.version, cpus: os.cpus().length, loadAverage1m: +os.loadavg()[0].toFixed(2), simd: sm.setSimdEnabled(true), matrixKernel: sm.matrixKernel() },
  numpy: numpy.ok ? numpy.result : { skipped: numpy.why },
  settings: {},
};
for (const s of SETTINGS) {
  const rows = {};
  for (const c of CELLS) {
    const { iters, seconds, cpuSeconds, bestSeconds, medianSeconds, medianCpuSeconds, rounds } = measure(setup(c, s));
    const steps = s.seqLen * s.batchSize;
    const stepsPerSecond = (iters * steps) / seconds;
    const stepsPerCpuSecond = (iters * steps) / cpuSeconds;
    const stepsPerSecondBest = steps / bestSeconds;
    const stepsPerSecondMedian = steps / medianSeconds;
    const stepsPerCpuSecondMedian = steps / medianCpuSeconds;
    rows[c.name] = {
      stepsPerSecond: Math.round(stepsPerSecond),
      stepsPerSecondBestRound: Math.round(stepsPerSecondBest),
      stepsPerSecondMedianRound: Math.round(stepsPerSecondMedian),
      stepsPerCpuSecond: Math.round(stepsPerCpuSecond),
      stepsPerCpuSecondMedianRound: Math.round(stepsPerCpuSecondMedian),
      msPerIteration: +((seconds / iters) * 1000).toFixed(3),
      msPerIterationBestRound: +(bestSeconds * 1000).toFixed(3),
      msPerIterationMedianRound: +(medianSeconds * 1000).toFixed(3),
      rounds,
      ratioToNumpyLstm: ratio(stepsPerSecond, s.reference?.stepsPerSecond),
      ratioToNumpyLstmBestRound: ratio(stepsPerSecondBest, s.reference?.stepsPerSecondBestRound),
      ratioToNumpyLstmMedianRound: ratio(stepsPerSecondMedian, s.reference?.stepsPerSecondMedianRound),
      ratioToNumpyLstmCpu: ratio(stepsPerCpuSecond, s.reference?.stepsPerCpuSecond),
      ratioToNumpyLstmCpuMedianRound: ratio(stepsPerCpuSecondMedian, s.reference?.stepsPerCpuSecond),
    };
  }
  results.settings[s.name] = {
    batchSize: s.batchSize, hiddenSize: s.hiddenSize, inputSize: s.inputSize, seqLen: s.seqLen, oneHot: s.oneHot,
    numpyLstmReference: s.reference,
    target: 'ratio >= 1 (NumPy speed; batch 32: issue 24)',
    cells: rows,
  };
  const unit = s.batchSize === 1 ? 'steps/s' : 'sample-steps/s';
  console.log(`\n${s.name}: batch ${s.batchSize}, hidden ${s.hiddenSize}, input ${s.inputSize}${s.oneHot ? ' one-hot' : ''}, ${s.seqLen} steps;`
    + ` ${unit}; NumPy LSTM ${s.reference?.stepsPerSecond ?? '(not measured)'}, target ratio >= 1`);
  for (const [name, r] of Object.entries(rows)) {
    console.log(`  ${name.padEnd(16)} wall ${String(r.stepsPerSecond).padStart(6)} (ratio ${String(r.ratioToNumpyLstm).padEnd(4)})`
      + `  best round ${String(r.stepsPerSecondBestRound).padStart(6)} (ratio ${String(r.ratioToNumpyLstmBestRound).padEnd(4)})`
      + `  median round ${String(r.stepsPerSecondMedianRound).padStart(6)} (ratio ${String(r.ratioToNumpyLstmMedianRound).padEnd(4)})`
      + `  per CPU second ${String(r.stepsPerCpuSecond).padStart(6)} (ratio ${String(r.ratioToNumpyLstmCpu).padEnd(4)},`
      + ` median round ${String(r.ratioToNumpyLstmCpuMedianRound).padEnd(4)})`);
  }
}
console.log(`\nload average at start: ${results.machine.loadAverage1m} on ${results.machine.cpus} cores; WebAssembly SIMD: ${results.machine.simd}; matrix kernel: ${results.machine.matrixKernel}`);
console.log(JSON.stringify(results));
