/** Mistaken variants of exact_match_accuracy, one per mistake listed in its grader. */
export function token_level(p: number[][], y: number[][], pad: number): number {
  let right = 0, all = 0;
  y.forEach((row, b) => row.forEach((tok, t) => { if (tok !== pad) { all++; if (p[b][t] === tok) right++; } }));
  return right / all;
}
export const counts_padding = (p: number[][], y: number[][]) =>
  y.filter((row, b) => row.every((tok, t) => p[b][t] === tok)).length / y.length;
export const skips_last_position = (p: number[][], y: number[][], pad: number) =>
  y.filter((row, b) => row.slice(0, -1).every((tok, t) => tok === pad || p[b][t] === tok)).length / y.length;
