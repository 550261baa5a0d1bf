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

// Mistakes added for issue 23: which argument decides, the default value, rows returned or modified.
export const truncation_follows_padding = (s: number[][], m: number, p: Side, t: Side, v = 0) => pad(s, m, p, p, v, {});
export function no_default_value(s: number[][], m: number, p: Side, t: Side, v?: number) {
  return s.map((r) => {
    const cut = r.length <= m ? r.slice() : t === 'pre' ? r.slice(r.length - m) : r.slice(0, m);
    const padding = new Array(m - cut.length).fill(v) as number[];
    return p === 'pre' ? [...padding, ...cut] : [...cut, ...padding];
  });
}
export function returns_row_when_exact(s: number[][], m: number, p: Side, t: Side, v = 0) {
  return s.map((r) => (r.length === m ? r : pad([r], m, p, t, v, {})[0]));
}
export function returns_seqs_when_empty(s: number[][], m: number, p: Side, t: Side, v = 0) {
  return s.length === 0 ? s : pad(s, m, p, t, v, {});
}
export function pads_in_place(s: number[][], m: number, p: Side, t: Side, v = 0) {
  return s.map((r) => {
    while (r.length < m) { if (p === 'pre') r.unshift(v); else r.push(v); }
    return r.length > m ? (t === 'pre' ? r.slice(r.length - m) : r.slice(0, m)) : r.slice();
  });
}
export function truncates_with_splice(s: number[][], m: number, p: Side, t: Side, v = 0) {
  return s.map((r) => {
    if (r.length > m) { if (t === 'pre') r.splice(0, r.length - m); else r.splice(m); }
    const padding = new Array<number>(m - r.length).fill(v);
    return p === 'pre' ? [...padding, ...r] : [...r, ...padding];
  });
}
