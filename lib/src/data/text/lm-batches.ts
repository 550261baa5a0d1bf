/**
 * Batches for language models over one long sequence of token ids. The target
 * `y` is the input `x` shifted by one step: y[b][t] = ids[start + t + 1].
 *
 * - randomWindows: each row is a window starting at a uniformly random position
 *   (seeded); rows are independent, so the model's state is reset per batch.
 * - contiguousStreams: the ids are cut into `batchSize` streams of equal length
 *   and walked left to right `seqLen` steps at a time, so row b of batch k+1
 *   continues exactly where row b of batch k stopped; this is what stateful
 *   truncated BPTT needs (carry h, c across batches, backpropagate seqLen steps).
 *   The tail that does not fill a whole batch is dropped.
 */
import { seededRandom } from '../rng';
import { checkIds } from '../../options';

/** x and y: `[batchSize, seqLen]`. */
export interface LmBatch {
  x: number[][];
  y: number[][];
}

export interface LmBatchOptions {
  batchSize: number;
  seqLen: number;
}

function check(ids: ArrayLike<number>, o: LmBatchOptions, need: number, what: string): void {
  if (!(Number.isInteger(o.batchSize) && o.batchSize >= 1)) throw new Error(`${what}: batchSize must be a positive integer, got ${o.batchSize}`);
  if (!(Number.isInteger(o.seqLen) && o.seqLen >= 1)) throw new Error(`${what}: seqLen must be a positive integer, got ${o.seqLen}`);
  if ('seed' in o && (o as { seed?: number }).seed !== undefined && !Number.isSafeInteger((o as { seed?: number }).seed)) {
    throw new Error(`${what}: seed must be an integer, got ${(o as { seed?: number }).seed}`);
  }
  checkIds(what, 'ids', ids);
  if (ids.length < need) throw new Error(`${what}: ${ids.length} ids are too few for batchSize ${o.batchSize} and seqLen ${o.seqLen} (need ${need})`);
}

function slice(ids: ArrayLike<number>, start: number, len: number): number[] {
  const out = new Array<number>(len);
  for (let t = 0; t < len; t++) out[t] = ids[start + t];
  return out;
}

/** A function returning a fresh random batch at each call; `seed` fixes the sequence of batches. */
export function randomWindows(ids: ArrayLike<number>, options: LmBatchOptions & { seed?: number }): () => LmBatch {
  check(ids, options, options.seqLen + 1, 'randomWindows');
  const random = seededRandom(options.seed ?? 0);
  const starts = ids.length - options.seqLen; // valid starts: 0 .. n - seqLen - 1
  return () => {
    const x: number[][] = [];
    const y: number[][] = [];
    for (let b = 0; b < options.batchSize; b++) {
      const s = Math.floor(random() * starts);
      x.push(slice(ids, s, options.seqLen));
      y.push(slice(ids, s + 1, options.seqLen));
    }
    return { x, y };
  };
}

/** Number of batches contiguousStreams yields. */
export function streamBatchCount(length: number, options: LmBatchOptions): number {
  return Math.floor(Math.floor((length - 1) / options.batchSize) / options.seqLen);
}

/** The batches of contiguous streams, in order (see the top of the file). */
export function* contiguousStreams(ids: ArrayLike<number>, options: LmBatchOptions): Generator<LmBatch> {
  check(ids, options, options.batchSize * options.seqLen + 1, 'contiguousStreams');
  const streamLen = Math.floor((ids.length - 1) / options.batchSize);
  const count = streamBatchCount(ids.length, options);
  for (let k = 0; k < count; k++) {
    const x: number[][] = [];
    const y: number[][] = [];
    for (let b = 0; b < options.batchSize; b++) {
      const s = b * streamLen + k * options.seqLen;
      x.push(slice(ids, s, options.seqLen));
      y.push(slice(ids, s + 1, options.seqLen));
    }
    yield { x, y };
  }
}
