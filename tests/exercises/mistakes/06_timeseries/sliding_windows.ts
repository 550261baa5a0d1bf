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
