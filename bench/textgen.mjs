// Notebook 04's character model, one training batch at a time (issue 11: "the text-generation
// notebook's full-mode target is reached in 5 minutes instead of 15").
// Run from the repository root after `npx tsc -p lib`:  node bench/textgen.mjs [--quick]
// Prints a table, then as its LAST line one JSON object with every figure (`npm run bench`).
//
// The model of 04's full mode: ids [32, 64] -> embedding 32 -> LSTM 192 (all steps) -> dense
// softmax over 65 characters, Adam with the gradient's global norm clipped to 5. Four variants,
// measured in one run on the same batch:
//   tf.layers as shipped:  tf.layers.lstm, tfjs' own wasm products, tf.layers' loss
//   fast layer:            the library's fastLstm, tf.layers' loss (default threads)
//   fast layer + loss:     fastLstm and the fused cross-entropy (languageModel), on 1 thread and
//                          on the default number of threads: the latter is what notebook 04 trains
// For each: milliseconds per batch (median of the timed batches, wall clock) and what that makes
// for 04's full run (4 epochs of 491 batches, validation passes not included).
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const sm = require('seqmodels/internals');

const quick = process.argv.includes('--quick');
const info = await sm.initBackend({ log: null });
const wasm = info.name === 'wasm';
console.log(`[bench/textgen] backend: ${info.name} (${info.reason})`);

const config = { vocabSize: 65, embeddingDim: 32, hiddenSize: 192, lr: 8e-3, seed: 1 };
const batchSize = 32;
const seqLen = 64;
const runBatches = 4 * 491; // notebook 04, full mode: 4 epochs of 491 batches

/** languageModel with tf.layers' own LSTM (same shapes and initialisers) and/or tf.layers' loss. */
function model({ tfLayer, tfLoss }) {
  if (!tfLayer) {
    const m = sm.languageModel(config);
    if (tfLoss) sm.lossFunctionsOf(m)[0] = sm.tfLayersLoss('sparseCategoricalCrossentropy');
    return m;
  }
  const m = tf.sequential();
  m.add(tf.layers.embedding({ inputDim: config.vocabSize, outputDim: config.embeddingDim, inputShape: [null] }));
  m.add(tf.layers.lstm({ units: config.hiddenSize, returnSequences: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' }));
  m.add(tf.layers.dense({ units: config.vocabSize, activation: 'softmax' }));
  const optimizer = tf.train.adam(config.lr);
  sm.clipGlobalNorm(optimizer, 5);
  m.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  return m;
}

const x = tf.randomUniform([batchSize, seqLen], 0, config.vocabSize, 'int32', 1);
const y = tf.randomUniform([batchSize, seqLen, 1], 0, config.vocabSize, 'int32', 2).toFloat();

async function msPerBatch(m, maxBatches) {
  await m.trainOnBatch(x, y); // warm-up
  const times = [];
  const t0 = performance.now();
  while (times.length < maxBatches && (times.length < 2 || performance.now() - t0 < (quick ? 2000 : 6000))) {
    const t = performance.now();
    await m.trainOnBatch(x, y);
    times.push(performance.now() - t);
  }
  m.dispose();
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], batches: times.length };
}

const variants = [
  ['tf.layers as shipped', async () => {
    const prev = wasm ? sm.setTransposeFreeMatMul(false) : null;
    try { return await msPerBatch(model({ tfLayer: true }), 3); } finally { if (wasm) sm.setTransposeFreeMatMul(prev); }
  }],
  [`fast layer, tf.layers' loss (${sm.sequenceThreads().threads} thr)`, async () => msPerBatch(model({ tfLayer: false, tfLoss: true }), 40)],
  ['fast layer + fused loss (1 thread)', async () => {
    const prev = sm.setSequenceThreads(1);
    try { return await msPerBatch(model({}), 40); } finally { sm.setSequenceThreads(prev); }
  }],
  [`fast layer + fused loss (${sm.sequenceThreads().threads} thr)`, async () => msPerBatch(model({}), 40)],
];

const results = {};
const t0 = performance.now();
for (const [name, run] of variants) {
  const r = await run();
  results[name] = { msPerBatch: Number(r.ms.toFixed(1)), batches: r.batches, runMinutes: Number(((r.ms * runBatches) / 60000).toFixed(2)) };
}
const shipped = results['tf.layers as shipped'].msPerBatch;
console.log(`\nNotebook 04's character model (batch ${batchSize}, ${seqLen} steps, LSTM ${config.hiddenSize}): median ms per training batch;`);
console.log(`"4 epochs" = ${runBatches} batches at that speed (04's full run without its validation passes).`);
console.log('variant                              ms/batch   4 epochs (min)   speed-up');
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(36)} ${r.msPerBatch.toFixed(1).padStart(8)} ${r.runMinutes.toFixed(2).padStart(16)} ${(shipped / r.msPerBatch).toFixed(1).padStart(9)}x`);
}
const load = os.loadavg()[0];
console.log(`load average (1 min) at the end: ${load.toFixed(1)} on ${os.cpus().length} cores; wall ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(JSON.stringify({ name: 'textgen', backend: info.name, quick, runBatches, results, loadAverage: Number(load.toFixed(2)) }));
