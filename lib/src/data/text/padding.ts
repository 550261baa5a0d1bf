/**
 * Padding and truncation to one length, as in Keras' pad_sequences:
 * `padding: 'pre'` puts the padding value before the sequence, `'post'` after;
 * `truncating: 'pre'` drops the first elements of a long sequence (keeps its end),
 * `'post'` drops its last elements. Defaults are Keras': pre and pre.
 */
import { checkIds } from '../../options';
export interface PadOptions {
  /** Length of every output row. Default: the longest sequence. */
  maxLen?: number;
  /** Where the padding goes. Default `pre`. */
  padding?: 'pre' | 'post';
  /** Which end of a long sequence is cut. Default `pre`. */
  truncating?: 'pre' | 'post';
  /** Padding value. Default 0 (Vocabulary.padId). */
  value?: number;
}

/** Rows of equal length `maxLen`: `[batch, maxLen]`. */
export function padSequences(sequences: readonly ArrayLike<number>[], options: PadOptions = {}): number[][] {
  const maxLen = options.maxLen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0);
  if (!Number.isInteger(maxLen) || maxLen < 0) throw new Error(`padSequences: maxLen must be a non-negative integer, got ${maxLen}`);
  const value = options.value ?? 0;
  checkIds('padSequences', 'value', [value]);
  for (const [k, allowed] of [['padding', ['pre', 'post']], ['truncating', ['pre', 'post']]] as const) {
    const v = options[k];
    if (v !== undefined && !allowed.includes(v)) throw new Error(`padSequences: ${k} must be 'pre' or 'post', got ${JSON.stringify(v)}`);
  }
  sequences.forEach((seq, i) => checkIds('padSequences', `sequences[${i}]`, seq));
  return sequences.map((seq) => {
    const row = new Array<number>(maxLen).fill(value);
    const len = Math.min(seq.length, maxLen);
    // first element kept from seq, and where it lands in the row
    const from = seq.length > maxLen && options.truncating !== 'post' ? seq.length - maxLen : 0;
    const to = options.padding === 'post' ? 0 : maxLen - len;
    for (let t = 0; t < len; t++) row[to + t] = seq[from + t];
    return row;
  });
}
