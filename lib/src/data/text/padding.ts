/**
 * Padding and truncation to one length, as in Keras' pad_sequences:
 * `padding: 'pre'` puts the padding value before the sequence, `'post'` after;
 * `truncating: 'pre'` drops the first elements of a long sequence (keeps its end),
 * `'post'` drops its last elements. Defaults are Keras': pre and pre.
 */
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
  return sequences.map((seq) => {
    const s = Array.from(seq);
    const kept = s.length <= maxLen ? s : options.truncating === 'post' ? s.slice(0, maxLen) : s.slice(s.length - maxLen);
    const pad = new Array<number>(maxLen - kept.length).fill(value);
    return options.padding === 'post' ? kept.concat(pad) : pad.concat(kept);
  });
}
