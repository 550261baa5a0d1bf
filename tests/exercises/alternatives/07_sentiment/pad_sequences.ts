/** Correct alternatives to the reference pad_sequences: every one must pass the grader. */
type Side = 'pre' | 'post';
/** Index arithmetic into a pre-filled row. */
export function byIndex(seqs: number[][], maxLen: number, padding: Side, truncating: Side, value = 0): number[][] {
  return seqs.map((s) => {
    const n = Math.min(s.length, maxLen);
    const from = truncating === 'pre' ? s.length - n : 0; // first kept value
    const to = padding === 'pre' ? maxLen - n : 0;        // where it goes
    const row = new Array<number>(maxLen).fill(value);
    for (let i = 0; i < n; i++) row[to + i] = s[from + i];
    return row;
  });
}
/** slice and concat, copying a row that already has maxLen values. */
export function sliceConcat(seqs: number[][], maxLen: number, padding: Side, truncating: Side, value = 0): number[][] {
  return seqs.map((s) => {
    const kept = s.length > maxLen ? (truncating === 'post' ? s.slice(0, maxLen) : s.slice(s.length - maxLen)) : s.slice();
    const fill = Array<number>(maxLen - kept.length).fill(value);
    return padding === 'post' ? kept.concat(fill) : fill.concat(kept);
  });
}
