/** Mistaken variants of pad_sequences, one per mistake listed in its grader. */
type Side = 'pre' | 'post';
function pad(seqs: number[][], maxLen: number, padding: Side, truncating: Side, value: number, o: { tr?: boolean; pr?: boolean; zero?: boolean; longest?: boolean }) {
  const L = o.longest ? Math.min(maxLen, Math.max(...seqs.map((s) => s.length))) : maxLen;
  const tpre = o.tr ? truncating !== 'pre' : truncating === 'pre';
  const ppre = o.pr ? padding !== 'pre' : padding === 'pre';
  return seqs.map((s) => {
    const cut = s.length <= L ? s : tpre ? s.slice(s.length - L) : s.slice(0, L);
    const p = new Array<number>(L - cut.length).fill(o.zero ? 0 : value);
    return ppre ? [...p, ...cut] : [...cut, ...p];
  });
}
export const truncating_reversed = (s: number[][], m: number, p: Side, t: Side, v = 0) => pad(s, m, p, t, v, { tr: true });
export const padding_reversed = (s: number[][], m: number, p: Side, t: Side, v = 0) => pad(s, m, p, t, v, { pr: true });
export const ignores_value = (s: number[][], m: number, p: Side, t: Side, v = 0) => pad(s, m, p, t, v, { zero: true });
export const pads_to_longest = (s: number[][], m: number, p: Side, t: Side, v = 0) => pad(s, m, p, t, v, { longest: true });
