/**
 * Principal component analysis, to draw high-dimensional vectors (word embeddings, hidden
 * states) in two dimensions.
 *
 * Rows x_1..x_n of dimension d are centred (x - mean); the covariance C = Xᵀ X / (n - 1)
 * [d, d] is diagonalised with the cyclic Jacobi method (exact for a symmetric matrix, no random
 * start, so the result is the same on every run); the components are the eigenvectors of the
 * k largest eigenvalues, and the projection is X V [n, k].
 * Sign convention: each component is flipped so that its entry of largest magnitude is
 * positive (an eigenvector is defined only up to its sign).
 * Cost O(n d² + d³): fine for d up to a few hundred (embedding sizes).
 */

export interface PcaResult {
  /** The rows projected on the components: [n, k]. */
  points: number[][];
  /** The components (unit vectors), one per row: [k, d]. */
  components: number[][];
  /** The mean that was subtracted: [d]. */
  mean: number[];
  /** Variance along each component: [k]. */
  variance: number[];
  /** Share of the total variance along each component, in [0, 1]: [k]. */
  explainedVarianceRatio: number[];
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(a: number[][], maxSweeps = 100): { values: number[]; vectors: number[][] } {
  const d = a.length;
  const m = a.map((r) => r.slice());
  const v: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += m[p][q] * m[p][q];
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        // Rotation angle that zeroes m[p][q].
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((r, i) => r[i]), vectors: v };
}

/** Project `rows` [n, d] on their first `k` principal components (see the top of the file). */
export function pca(rows: ArrayLike<ArrayLike<number>>, k = 2): PcaResult {
  const n = rows.length;
  if (n < 2) throw new Error(`pca: needs at least 2 rows, got ${n}`);
  const d = rows[0].length;
  if (!Number.isInteger(k) || k < 1 || k > d) throw new Error(`pca: k must be an integer in 1..${d} (the row length), got ${k}`);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) throw new Error(`pca: row ${i} has ${rows[i].length} values, row 0 has ${d}; all rows must have the same length`);
  }
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i][j] / n;
  const x = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => rows[i][j] - mean[j])); // [n, d]
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0)); // [d, d]
  for (let i = 0; i < n; i++) {
    const r = x[i];
    for (let p = 0; p < d; p++) {
      const rp = r[p];
      if (rp === 0) continue;
      const cp = cov[p];
      for (let q = p; q < d; q++) cp[q] += rp * r[q];
    }
  }
  for (let p = 0; p < d; p++) {
    for (let q = p; q < d; q++) {
      cov[p][q] /= n - 1;
      cov[q][p] = cov[p][q];
    }
  }
  const { values, vectors } = symmetricEigen(cov);
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b).slice(0, k);
  const components = order.map((j) => {
    const c = vectors.map((row) => row[j]);
    let big = 0;
    for (let i = 1; i < d; i++) if (Math.abs(c[i]) > Math.abs(c[big])) big = i;
    return c[big] < 0 ? c.map((v) => -v) : c;
  });
  const total = values.reduce((s, v) => s + Math.max(v, 0), 0);
  const variance = order.map((j) => Math.max(values[j], 0));
  const points = x.map((r) => components.map((c) => r.reduce((s, v, j) => s + v * c[j], 0)));
  return {
    points,
    components,
    mean,
    variance,
    explainedVarianceRatio: variance.map((v) => (total > 0 ? v / total : 0)),
  };
}
