/**
 * Character encoding for the seq2seq tasks: one id per character, a start symbol for the decoder,
 * and the tensors of teacher forcing.
 *
 * Teacher forcing (theory 05, Section 3; exercise `05_seq2seq/teacher_forcing_shift`): the decoder
 * input at step j is the true previous target symbol y_{j-1}, with the start symbol at j = 0:
 *   decoderInput = (<start>, y_1, ..., y_{T'-1}),   target = (y_1, ..., y_{T'}).
 */
import * as tf from '@tensorflow/tfjs';
import { Seq2SeqPair, Seq2SeqTask } from './tasks';

/** The start symbol's character (never in the data). */
export const START_SYMBOL = '\u25b6'; // ▶

/** Character ↔ id for sources and targets (one shared vocabulary); id 0 is the start symbol. */
export class Seq2SeqCodec {
  /** id → character; `chars[0]` is the start symbol. */
  readonly chars: string[];
  private readonly ids: Map<string, number>;

  constructor(chars: string[]) {
    if (chars[0] !== START_SYMBOL) chars = [START_SYMBOL, ...chars.filter((c) => c !== START_SYMBOL)];
    this.chars = chars;
    this.ids = new Map(chars.map((c, i) => [c, i]));
    if (this.ids.size !== chars.length) throw new Error('Seq2SeqCodec: the characters must be distinct');
  }

  /** The vocabulary of every character in the sources and targets, sorted, after the start symbol. */
  static fromPairs(pairs: Seq2SeqPair[]): Seq2SeqCodec {
    const set = new Set<string>();
    for (const p of pairs) for (const ch of p.source + p.target) set.add(ch);
    return new Seq2SeqCodec([START_SYMBOL, ...[...set].sort()]);
  }

  /** The vocabulary of both splits of a task. */
  static fromTask(task: Seq2SeqTask): Seq2SeqCodec {
    return Seq2SeqCodec.fromPairs([...task.train, ...task.test]);
  }

  get vocabSize(): number {
    return this.chars.length;
  }

  /** The start symbol's id (0). */
  get startId(): number {
    return 0;
  }

  /** Ids of `text`; an unknown character is an error naming it and its position. */
  encode(text: string): number[] {
    return [...text].map((ch, i) => {
      const id = this.ids.get(ch);
      if (id === undefined) throw new Error(`Seq2SeqCodec.encode: character ${JSON.stringify(ch)} at position ${i} of ${JSON.stringify(text)} is not in the vocabulary`);
      return id;
    });
  }

  /** The text of `ids` (the start symbol shows as ▶). */
  decode(ids: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < ids.length; i++) {
      const ch = this.chars[ids[i]];
      if (ch === undefined) throw new Error(`Seq2SeqCodec.decode: id ${ids[i]} at position ${i} is outside 0..${this.vocabSize - 1}`);
      s += ch;
    }
    return s;
  }
}

/** Teacher forcing: targets shifted one step right, the start id in front, the last one dropped. */
export function shiftRight(targets: number[][], startId: number): number[][] {
  return targets.map((y) => [startId, ...y.slice(0, y.length - 1)]);
}

/** The tensors of one split; dispose them with `disposeEncoded`. */
export interface EncodedPairs {
  pairs: Seq2SeqPair[];
  /** Source ids `[batch, srcLen]` (int32). */
  source: tf.Tensor2D;
  /** Decoder inputs under teacher forcing `[batch, tgtLen]` (int32). */
  decoderInput: tf.Tensor2D;
  /** One-hot targets `[batch, tgtLen, vocabSize]`. */
  target: tf.Tensor3D;
  /** Target ids `[batch][tgtLen]`, for exact match. */
  targetIds: number[][];
}

/** Encode a split for training and evaluation. Every source and target must have its task's length. */
export function encodePairs(codec: Seq2SeqCodec, pairs: Seq2SeqPair[]): EncodedPairs {
  if (pairs.length === 0) throw new Error('encodePairs: no pairs');
  const srcLen = [...pairs[0].source].length;
  const tgtLen = [...pairs[0].target].length;
  const src = pairs.map((p, i) => {
    const ids = codec.encode(p.source);
    if (ids.length !== srcLen) throw new Error(`encodePairs: source ${i} ${JSON.stringify(p.source)} has ${ids.length} characters, expected ${srcLen} (pad sources to one length)`);
    return ids;
  });
  const tgt = pairs.map((p, i) => {
    const ids = codec.encode(p.target);
    if (ids.length !== tgtLen) throw new Error(`encodePairs: target ${i} ${JSON.stringify(p.target)} has ${ids.length} characters, expected ${tgtLen} (pad targets to one length)`);
    return ids;
  });
  const decIn = shiftRight(tgt, codec.startId);
  const target = tf.tidy(() => tf.oneHot(tf.tensor2d(tgt, [pairs.length, tgtLen], 'int32'), codec.vocabSize).toFloat() as tf.Tensor3D);
  return {
    pairs,
    source: tf.tensor2d(src, [pairs.length, srcLen], 'int32'),
    decoderInput: tf.tensor2d(decIn, [pairs.length, tgtLen], 'int32'),
    target,
    targetIds: tgt,
  };
}

/** Free the tensors of `encodePairs`. */
export function disposeEncoded(e: EncodedPairs): void {
  tf.dispose([e.source, e.decoderInput, e.target]);
}
