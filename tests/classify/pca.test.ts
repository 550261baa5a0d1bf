// PCA: exact answers on tiny fixtures, the sign convention, and clear errors.
import { pca, symmetricEigen } from 'seqmodels/internals';

const close = (a: number[], b: number[], digits = 9) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], digits));

describe('symmetricEigen', () => {
  test.each([
    // matrix, eigenvalues (sorted descending)
    [[[2, 0], [0, 1]], [2, 1]],
    [[[2, 1], [1, 2]], [3, 1]],
    [[[4, 1, 0], [1, 3, 1], [0, 1, 2]], [3 + Math.sqrt(3), 3, 3 - Math.sqrt(3)]],
  ])('%j', (a, expected) => {
    const { values, vectors } = symmetricEigen(a);
    close([...values].sort((x, y) => y - x), expected);
    // A v = λ v for every column.
    values.forEach((lambda, j) => {
      const v = vectors.map((r) => r[j]);
      const av = a.map((row) => row.reduce((s, x, k) => s + x * v[k], 0));
      close(av, v.map((x) => lambda * x));
    });
  });
});

describe('pca', () => {
  test('points on a line: one component holds all the variance, the projection is the signed distance', () => {
    // x = t (1, 2) / sqrt(5) + (3, -1), t = -2..2
    const ts = [-2, -1, 0, 1, 2];
    const u = [1 / Math.sqrt(5), 2 / Math.sqrt(5)];
    const rows = ts.map((t) => [3 + t * u[0], -1 + t * u[1]]);
    const r = pca(rows, 2);
    close(r.mean, [3, -1]);
    close(r.components[0], u); // largest entry positive
    close(r.points.map((p) => p[0]), ts);
    close(r.points.map((p) => p[1]), [0, 0, 0, 0, 0]);
    close(r.explainedVarianceRatio, [1, 0]);
    expect(r.variance[0]).toBeCloseTo(2.5, 9); // var of -2..2 with n - 1
  });

  test.each([
    // rows, expected first component (up to the sign convention), variances
    [[[1, 0, 0], [-1, 0, 0], [0, 0.5, 0], [0, -0.5, 0]], [1, 0, 0], [2 / 3, 1 / 6]],
    [[[0, 0, 3], [0, 0, -3], [1, 0, 0], [-1, 0, 0]], [0, 0, 1], [6, 2 / 3]],
  ])('axis-aligned cloud %#', (rows, first, variance) => {
    const r = pca(rows, 2);
    close(r.components[0], first);
    close(r.variance, variance);
  });

  test('the same input gives the same output (deterministic, sign fixed)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(2 * i), Math.sin(3 * i + 1), i / 30]);
    expect(pca(rows)).toEqual(pca(rows));
    const r = pca(rows, 3);
    for (const c of r.components) {
      const big = c.reduce((b, v, i) => (Math.abs(v) > Math.abs(c[b]) ? i : b), 0);
      expect(c[big]).toBeGreaterThan(0);
      expect(c.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 9);
    }
    // components are orthogonal, variances decrease
    expect(r.components[0].reduce((s, v, i) => s + v * r.components[1][i], 0)).toBeCloseTo(0, 9);
    expect(r.variance[0]).toBeGreaterThanOrEqual(r.variance[1]);
    expect(r.variance[1]).toBeGreaterThanOrEqual(r.variance[2]);
  });

  test('errors name the problem', () => {
    expect(() => pca([[1, 2]])).toThrow(/at least 2 rows/);
    expect(() => pca([[1, 2], [3]])).toThrow(/row 1 has 1 values, row 0 has 2/);
    expect(() => pca([[1, 2], [3, 4]], 3)).toThrow(/k must be an integer in 1..2/);
  });
});
