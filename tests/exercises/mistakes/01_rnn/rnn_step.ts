/** Mistaken variants of rnn_step, one per mistake listed in its grader. */
type M = number[][];
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function step(x: M, hPrev: M, W: M, U: M, b: number[], o: { act?: (v: number) => number; prev?: boolean; transposed?: boolean; bias?: boolean }): M {
  const H = b.length;
  return x.map((xr, r) => Array.from({ length: H }, (_, j) => {
    let a = o.bias === false ? 0 : b[j];
    for (let k = 0; k < xr.length; k++) a += xr[k] * (o.transposed ? W[j][k] : W[k][j]);
    if (o.prev !== false) for (let k = 0; k < H; k++) a += hPrev[r][k] * (o.transposed ? U[j][k] : U[k][j]);
    return (o.act ?? Math.tanh)(a);
  }));
}

export const forgets_previous_state = (x: M, h: M, W: M, U: M, b: number[]) => step(x, h, W, U, b, { prev: false });
export const sigmoid_activation = (x: M, h: M, W: M, U: M, b: number[]) => step(x, h, W, U, b, { act: sigmoid });
export const transposed_weights = (x: M, h: M, W: M, U: M, b: number[]) => step(x, h, W, U, b, { transposed: true });
export const forgets_bias = (x: M, h: M, W: M, U: M, b: number[]) => step(x, h, W, U, b, { bias: false });

// Mistakes added for issue 23: activation, shapes, batch rows, inputs modified, empty batch.
export const no_activation = (x: M, h: M, W: M, U: M, b: number[]) => step(x, h, W, U, b, { act: (v) => v });

export function transposed_recurrent_kernel(x: M, hPrev: M, W: M, U: M, b: number[]): M {
  return x.map((xr, r) => b.map((bj, j) => {
    let a = bj;
    for (let k = 0; k < xr.length; k++) a += xr[k] * W[k][j];
    for (let k = 0; k < b.length; k++) a += hPrev[r][k] * U[j][k];
    return Math.tanh(a);
  }));
}

export function hidden_size_from_input(x: M, hPrev: M, W: M, U: M, b: number[]): M {
  return x.map((xr, r) => xr.map((_, j) => {
    let a = b[j];
    for (let k = 0; k < xr.length; k++) a += xr[k] * W[k][j];
    for (let k = 0; k < hPrev[r].length; k++) a += hPrev[r][k] * U[k][j];
    return Math.tanh(a);
  }));
}

export function recurrent_sum_to_input_size(x: M, hPrev: M, W: M, U: M, b: number[]): M {
  return x.map((xr, r) => b.map((bj, j) => {
    let a = bj;
    for (let k = 0; k < xr.length; k++) a += xr[k] * W[k][j] + hPrev[r][k] * U[k][j];
    return Math.tanh(a);
  }));
}

export const first_row_state = (x: M, h: M, W: M, U: M, b: number[]) => step(x, x.map(() => h[0]), W, U, b, {});

export function writes_into_hprev(x: M, hPrev: M, W: M, U: M, b: number[]): M {
  const h = step(x, hPrev, W, U, b, {});
  h.forEach((row, r) => row.forEach((v, j) => { hPrev[r][j] = v; }));
  return hPrev;
}

export function accumulates_into_bias(x: M, hPrev: M, W: M, U: M, b: number[]): M {
  return x.map((xr, r) => {
    const a = b; // not a copy
    for (let j = 0; j < b.length; j++) {
      for (let k = 0; k < xr.length; k++) a[j] += xr[k] * W[k][j];
      for (let k = 0; k < b.length; k++) a[j] += hPrev[r][k] * U[k][j];
    }
    return a.map(Math.tanh);
  });
}

export function hidden_size_from_first_row(x: M, hPrev: M, W: M, U: M, b: number[]): M {
  const H = hPrev[0].length;
  return step(x, hPrev, W, U, b.slice(0, H), {});
}
