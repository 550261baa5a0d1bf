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
