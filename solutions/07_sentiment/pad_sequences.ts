// REFERENCE SOLUTION. Try the exercise in exercises/07_sentiment/pad_sequences.ts first.
/** pad_sequences: Keras semantics; truncating 'pre' keeps the last maxLen values, padding 'pre' pads in front. */
export function padSequences(
  seqs: number[][], maxLen: number, padding: 'pre' | 'post', truncating: 'pre' | 'post', value = 0,
): number[][] {
  return seqs.map((s) => {
    const cut = s.length <= maxLen ? s : truncating === 'pre' ? s.slice(s.length - maxLen) : s.slice(0, maxLen);
    const pad = new Array<number>(maxLen - cut.length).fill(value);
    return padding === 'pre' ? [...pad, ...cut] : [...cut, ...pad];
  });
}
