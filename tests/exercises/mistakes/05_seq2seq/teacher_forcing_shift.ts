/** Mistaken variants of teacher_forcing_shift, one per mistake listed in its grader. */
export const no_shift = (y: number[][]) => y.map((r) => r.slice());
export const shift_left = (y: number[][], start: number) => y.map((r) => [...r.slice(1), start]);
export const keeps_last_target = (y: number[][], start: number) => y.map((r) => [start, ...r]);
