/**
 * The element-wise parts of the LSTM and GRU steps run on SIMD kernels (simd.ts lstmFwd, lstmBwd,
 * gruBwd, gruBwdReset, gruBlend) when their buffers live in an arena and H is a multiple of 4. They
 * compute in float32, four units at a time, what lstm.ts's and gru.ts's loops compute in float64 and
 * store in float32: the results
 * agree within float32 rounding (a few units in the last place of values of order 1; tanh within
 * the `act` kernel's 2e-7). Elsewhere they decline and the loops run.
 */
import { createSimdArena, gruSimd, lstmBackwardGates, lstmForwardCells, seededRng } from 'seqmodels/internals';

/** lstm.ts's loop, written out: float64 maths on the float32 inputs. */
function reference(rows: number, H: number, g: Float32Array, tc: Float32Array, cp: Float32Array, dh: Float32Array, dc: Float32Array) {
  const G = 4 * H, da = new Float64Array(rows * G), dcp = new Float64Array(rows * H);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < H; j++) {
      const g0 = r * G, s = r * H + j;
      const i = g[g0 + j], f = g[g0 + H + j], c = g[g0 + 2 * H + j], o = g[g0 + 3 * H + j], t = tc[s];
      const dcHat = dc[s] + dh[s] * o * (1 - t * t);
      da[g0 + j] = dcHat * c * i * (1 - i);
      da[g0 + H + j] = dcHat * cp[s] * f * (1 - f);
      da[g0 + 2 * H + j] = dcHat * i * (1 - c * c);
      da[g0 + 3 * H + j] = dh[s] * t * o * (1 - o);
      dcp[s] = dcHat * f;
    }
  }
  return { da, dcp };
}

describe.each([[1, 4], [3, 12], [32, 64], [2, 200]])('backward: %d rows, H = %d', (rows, H) => {
  test('the SIMD kernel runs and matches the loop within float32 rounding', () => {
    const rng = seededRng(rows * 1000 + H);
    const arena = createSimdArena(rows * (8 * H + 5 * H) + 64)!;
    const G = 4 * H;
    const fill = (n: number, lo: number, hi: number) => { const a = arena.f32(n); a.forEach((_, i) => (a[i] = lo + (hi - lo) * rng())); return a; };
    const g = fill(rows * G, 0, 1);                 // gate activations: σ in (0, 1), c̃ = tanh in (−1, 1)
    for (let r = 0; r < rows; r++) for (let j = 0; j < H; j++) g[r * G + 2 * H + j] = 2 * g[r * G + 2 * H + j] - 1;
    const tc = fill(rows * H, -1, 1), cp = fill(rows * H, -3, 3), dh = fill(rows * H, -2, 2), dc = fill(rows * H, -2, 2);
    const da = fill(rows * G, 9, 9), dcp = fill(rows * H, 9, 9);   // overwritten
    expect(lstmBackwardGates(rows, H, g, tc, cp, dh, dc, da, dcp)).toBe(true);
    const ref = reference(rows, H, g, tc, cp, dh, dc);
    const worst = (a: Float32Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(worst(da, ref.da)).toBeLessThan(3e-6);
    expect(worst(dcp, ref.dcp)).toBeLessThan(3e-6);
  });
});

describe.each([[1, 4], [3, 12], [32, 64], [2, 200]])('forward: %d rows, H = %d', (rows, H) => {
  test('the SIMD kernel runs and matches the loops within float32 rounding', () => {
    const rng = seededRng(rows * 7 + H);
    const arena = createSimdArena(rows * (4 * H + 4 * H) + 64)!;
    const G = 4 * H;
    const fill = (n: number, lo: number, hi: number) => { const a = arena.f32(n); a.forEach((_, i) => (a[i] = lo + (hi - lo) * rng())); return a; };
    const g = fill(rows * G, 0, 1);
    for (let r = 0; r < rows; r++) for (let j = 0; j < H; j++) g[r * G + 2 * H + j] = 2 * g[r * G + 2 * H + j] - 1;
    const cp = fill(rows * H, -4, 4), c = fill(rows * H, 9, 9), tc = fill(rows * H, 9, 9), h = fill(rows * H, 9, 9);
    expect(lstmForwardCells(rows, H, g, cp, c, tc, h)).toBe(true);
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < H; j++) {
        const g0 = r * G, s = r * H + j;
        const ct = g[g0 + H + j] * cp[s] + g[g0 + j] * g[g0 + 2 * H + j];
        worst = Math.max(worst, Math.abs(c[s] - ct), Math.abs(tc[s] - Math.tanh(ct)), Math.abs(h[s] - g[g0 + 3 * H + j] * Math.tanh(ct)));
      }
    }
    expect(worst).toBeLessThan(3e-6);
  });
});

describe.each([[1, 4], [3, 12], [32, 64], [2, 200]])('GRU: %d rows, H = %d', (rows, H) => {
  test('the SIMD kernels run and match the loops within float32 rounding', () => {
    const rng = seededRng(rows * 13 + H);
    const G = 3 * H;
    const arena = createSimdArena(rows * (3 * G + 6 * H) + 64)!;
    const fill = (n: number, lo: number, hi: number) => { const a = arena.f32(n); a.forEach((_, i) => (a[i] = lo + (hi - lo) * rng())); return a; };
    const g = fill(rows * G, 0, 1);                   // z, r in (0, 1); h̃ in (−1, 1)
    for (let r = 0; r < rows; r++) for (let j = 0; j < H; j++) g[r * G + 2 * H + j] = 2 * g[r * G + 2 * H + j] - 1;
    const hp = fill(rows * H, -1, 1), dh = fill(rows * H, -2, 2), h = fill(rows * H, 9, 9);
    const da = fill(rows * G, -2, 2), dhp = fill(rows * H, 9, 9);
    const drh = Float32Array.from({ length: rows * H }, (_, i) => da[Math.floor(i / H) * G + H + (i % H)]);
    let worst = 0;
    const near = (a: number, b: number) => { worst = Math.max(worst, Math.abs(a - b)); };
    expect(gruSimd.blend(rows, H, g, hp, h)).toBe(true);
    expect(gruSimd.backward(rows, H, g, hp, dh, da, dhp)).toBe(true);
    const dhp1 = Float32Array.from(dhp);
    expect(gruSimd.backwardReset(rows, H, g, hp, da, dhp)).toBe(true);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < H; j++) {
        const g0 = r * G, s = r * H + j, z = g[g0 + j], rr = g[g0 + H + j], ht = g[g0 + 2 * H + j];
        near(h[s], z * hp[s] + (1 - z) * ht);
        near(da[g0 + j], dh[s] * (hp[s] - ht) * z * (1 - z));
        near(da[g0 + 2 * H + j], dh[s] * (1 - z) * (1 - ht * ht));
        near(dhp1[s], dh[s] * z);
        near(dhp[s], dhp1[s] + drh[s] * rr);
        near(da[g0 + H + j], drh[s] * hp[s] * rr * (1 - rr));
      }
    }
    expect(worst).toBeLessThan(3e-6);
  });
});

test('it declines (the loop runs) for H not a multiple of 4 and for arrays outside one arena', () => {
  const arena = createSimdArena(1024)!;
  const a = (n: number) => arena.f32(n);
  expect(lstmBackwardGates(2, 6, a(48), a(12), a(12), a(12), a(12), a(48), a(12))).toBe(false);
  expect(lstmForwardCells(2, 6, a(48), a(12), a(12), a(12), a(12))).toBe(false);
  expect(lstmForwardCells(2, 4, a(32), a(8), a(8), new Float32Array(8), a(8))).toBe(false);
  expect(gruSimd.blend(2, 6, a(36), a(12), a(12))).toBe(false);
  expect(gruSimd.backward(2, 4, a(24), a(8), new Float32Array(8), a(24), a(8))).toBe(false);
  expect(gruSimd.backwardReset(2, 4, new Float64Array(24), new Float64Array(8), new Float64Array(24), new Float64Array(8))).toBe(false);
  expect(lstmBackwardGates(2, 4, a(32), a(8), new Float32Array(8), a(8), a(8), a(32), a(8))).toBe(false);
  expect(lstmBackwardGates(2, 4, new Float64Array(32), new Float64Array(8), new Float64Array(8), new Float64Array(8), new Float64Array(8), new Float64Array(32), new Float64Array(8))).toBe(false);
});
