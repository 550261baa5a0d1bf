/** Mistaken variants of sliding_windows, one per mistake listed in its grader. */
function windows(s: number[], L: number, H: number, o: { strict?: boolean; overlap?: boolean; single?: boolean }) {
  const x: number[][] = [], y: number[][] = [];
  for (let t = 0; o.strict ? t + L + H < s.length : t + L + H <= s.length; t++) {
    x.push(s.slice(t, t + L));
    const start = o.overlap ? t + L - 1 : t + L;
    y.push(s.slice(start, start + (o.single ? 1 : H)));
  }
  return { x, y };
}
export const drops_last_window = (s: number[], L: number, H: number) => windows(s, L, H, { strict: true });
export const target_overlaps_window = (s: number[], L: number, H: number) => windows(s, L, H, { overlap: true });
export const ignores_horizon = (s: number[], L: number, H: number) => windows(s, L, H, { single: true });

// Mistakes added for issue 23: the target, the count, the stride, short series, rows shared, input modified.
export function horizon_as_gap(s: number[], L: number, H: number) {
  const x: number[][] = [], y: number[][] = [];
  for (let t = 0; t + L + H <= s.length; t++) { x.push(s.slice(t, t + L)); y.push([s[t + L + H - 1]]); }
  return { x, y };
}
export function loop_ignores_horizon(s: number[], L: number, H: number) {
  const x: number[][] = [], y: number[][] = [];
  for (let t = 0; t + L < s.length; t++) { x.push(s.slice(t, t + L)); y.push(s.slice(t + L, t + L + H)); }
  return { x, y };
}
export function stride_look_back(s: number[], L: number, H: number) {
  const x: number[][] = [], y: number[][] = [];
  for (let t = 0; t + L + H <= s.length; t += L) { x.push(s.slice(t, t + L)); y.push(s.slice(t + L, t + L + H)); }
  return { x, y };
}
export function negative_length_array(s: number[], L: number, H: number) {
  const starts = Array.from(new Array(s.length - L - H + 1), (_, t) => t);
  return { x: starts.map((t) => s.slice(t, t + L)), y: starts.map((t) => s.slice(t + L, t + L + H)) };
}
export function reuses_window_array(s: number[], L: number, H: number) {
  const x: number[][] = [], y: number[][] = [];
  const w = s.slice(0, L);
  for (let t = 0; t + L + H <= s.length; t++) {
    if (t > 0) { w.shift(); w.push(s[t + L - 1]); }
    x.push(w);
    y.push(s.slice(t + L, t + L + H));
  }
  return { x, y };
}
export function shifts_series(s: number[], L: number, H: number) {
  const x: number[][] = [], y: number[][] = [];
  while (s.length >= L + H) { x.push(s.slice(0, L)); y.push(s.slice(L, L + H)); s.shift(); }
  return { x, y };
}
