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

// Mistakes added for issue 23: any vs every, the pad token, padding decided by the prediction,
// input modified, empty batch.
export const any_token_right = (p: number[][], y: number[][], pad: number) =>
  y.filter((row, b) => row.some((tok, t) => tok !== pad && p[b][t] === tok)).length / y.length;
export const pad_is_zero = (p: number[][], y: number[][]) =>
  y.filter((row, b) => row.every((tok, t) => tok === 0 || p[b][t] === tok)).length / y.length;
export const skips_predicted_padding = (p: number[][], y: number[][], pad: number) =>
  y.filter((row, b) => row.every((tok, t) => tok === pad || p[b][t] === pad || p[b][t] === tok)).length / y.length;
export function masks_predictions_in_place(p: number[][], y: number[][], pad: number): number {
  y.forEach((row, b) => row.forEach((tok, t) => { if (tok === pad) p[b][t] = pad; }));
  return y.filter((row, b) => JSON.stringify(row) === JSON.stringify(p[b])).length / y.length;
}
export function length_from_first_row(p: number[][], y: number[][], pad: number): number {
  const T = y[0].length;
  let right = 0;
  for (let b = 0; b < y.length; b++) {
    let ok = true;
    for (let t = 0; t < T; t++) if (y[b][t] !== pad && p[b][t] !== y[b][t]) ok = false;
    if (ok) right++;
  }
  return right / y.length;
}
export const fraction_wrong = (p: number[][], y: number[][], pad: number) =>
  y.filter((row, b) => row.some((tok, t) => tok !== pad && p[b][t] !== tok)).length / y.length;
export function stops_at_first_pad(p: number[][], y: number[][], pad: number): number {
  let right = 0;
  y.forEach((row, b) => {
    let ok = true;
    for (let t = 0; t < row.length && row[t] !== pad; t++) if (p[b][t] !== row[t]) ok = false;
    if (ok) right++;
  });
  return right / y.length;
}
