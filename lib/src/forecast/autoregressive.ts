/**
 * Multi-step forecasting by feeding predictions back (autoregressive), next to the direct
 * forecast of notebook 06 (one model with `horizon` outputs).
 *
 * A one-step model reads a window [lookBack, features] and predicts the next step's `targets`
 * columns. To forecast k steps ahead, repeat `horizon` times:
 *
 *   row_{t+1} = copy of row_t                      // columns nobody predicts: held at their last value
 *   row_{t+1}[targets] = model(window)             // the prediction takes the place of the truth
 *   fill(sample, step, row_{t+1})                  // columns known in advance (calendar features)
 *   window = window[1:] + row_{t+1}                // slide by one step
 *
 * The model may read only every `every`-th step of the window (the last one kept, as
 * `everyNthStep`): the window itself slides hour by hour.
 *
 * Errors compound: the model sees its own, slightly wrong, outputs as inputs, which it never saw
 * in training. The direct model has no feedback, but one output per step ahead to learn.
 */
/** One step of the model: inputs [batch, time, features] (flat, row-major) → [batch, targets.length]. */
export type StepPredictor = (x: Float32Array, shape: [number, number, number]) => Promise<ArrayLike<number>> | ArrayLike<number>;

export interface AutoregressiveOptions {
  /** Steps to forecast, a positive integer. */
  horizon: number;
  /** Feature columns the model predicts, in the order of its outputs. */
  targets: readonly number[];
  /** The model reads every n-th step of the window, the last one included (default 1: all). */
  every?: number;
  /**
   * Sets the columns known in advance in the new row (e.g. calendar features) for window
   * `sample` at step `step` (0 = one step ahead). Other non-target columns keep their last value.
   */
  fill?: (sample: number, step: number, row: Float32Array) => void;
}

/**
 * Forecast `horizon` steps for every window of `x` [batch, lookBack, features] by feeding the
 * one-step predictions back. Returns [batch][horizon][targets.length] (in the model's units).
 */
export async function autoregressiveForecast(
  predict: StepPredictor,
  x: Float32Array,
  xShape: [number, number, number],
  options: AutoregressiveOptions,
): Promise<number[][][]> {
  const [batch, lookBack, features] = xShape;
  const { horizon, targets } = options;
  const every = options.every ?? 1;
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`autoregressiveForecast: horizon must be a positive integer, got ${horizon}`);
  if (!Number.isInteger(every) || every < 1 || every > lookBack) {
    throw new Error(`autoregressiveForecast: every must be an integer from 1 to lookBack (${lookBack}), got ${every}`);
  }
  if (x.length !== batch * lookBack * features) {
    throw new Error(`autoregressiveForecast: x has ${x.length} values, xShape [${xShape}] needs ${batch * lookBack * features}`);
  }
  if (targets.length === 0 || targets.some((c) => !Number.isInteger(c) || c < 0 || c >= features)) {
    throw new Error(`autoregressiveForecast: targets must be column indices from 0 to ${features - 1}, got [${targets}]`);
  }
  // The window, sliding one step at a time: [batch, lookBack, features].
  let window = Float32Array.from(x);
  // Steps the model reads, counted back from the last: lookBack-1, lookBack-1-every, ...
  const seen: number[] = [];
  for (let t = lookBack - 1; t >= 0; t -= every) seen.unshift(t);
  const out: number[][][] = Array.from({ length: batch }, () => []);
  const view = new Float32Array(batch * seen.length * features);
  for (let step = 0; step < horizon; step++) {
    for (let b = 0; b < batch; b++) {
      seen.forEach((t, j) => view.set(window.subarray((b * lookBack + t) * features, (b * lookBack + t + 1) * features), (b * seen.length + j) * features));
    }
    const y = await predict(view, [batch, seen.length, features]);
    if (y.length !== batch * targets.length) {
      throw new Error(`autoregressiveForecast: the model returned ${y.length} values, expected batch × targets = ${batch} × ${targets.length}`);
    }
    const next = new Float32Array(window.length);
    for (let b = 0; b < batch; b++) {
      const base = b * lookBack * features;
      next.set(window.subarray(base + features, base + lookBack * features), base); // drop the oldest step
      const row = next.subarray(base + (lookBack - 1) * features, base + lookBack * features);
      row.set(window.subarray(base + (lookBack - 1) * features, base + lookBack * features)); // hold the last row
      const predicted = targets.map((_, k) => y[b * targets.length + k]);
      targets.forEach((c, k) => (row[c] = predicted[k]));
      options.fill?.(b, step, row);
      out[b].push(predicted);
    }
    window = next;
  }
  return out;
}

