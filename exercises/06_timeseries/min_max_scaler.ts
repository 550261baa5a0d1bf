/**
 * Exercise 06 · min_max_scaler — scaling without leakage.
 * Notebook 06 "Time series forecasting": scaling, then windowing, then training.
 *
 * Fit the scaler on the training split only, then apply the same map to both splits:
 *   min = min(train), max = max(train),   v' = (v − min) / (max − min)
 * If max = min, use a range of 1 (v' = v − min) instead of dividing by zero (scikit-learn does the same).
 * Return the scaled train and test values and the fitted min and max.
 *
 * Test values may fall outside [0, 1]: that is expected (the future can leave the past's range).
 *
 * Do not modify the inputs; return new arrays.
 *
 * Hints:
 * - Using the test values to choose min or max leaks information from the future into training.
 * - Fitting a second scaler on the test split is also wrong: both splits must be on the same scale.
 * - Subtract the minimum, then divide by the range (not by the maximum).
 *
 * Try it: minMaxScale([2, 4, 6], [5, 8]) → { train: [0, 0.5, 1], test: [0.75, 1.5], min: 2, max: 6 }
 * Grade:  npm run grade -- min_max_scaler
 */
export function minMaxScale(train: number[], test: number[]): { train: number[]; test: number[]; min: number; max: number } {
  // TODO
  throw new Error('not implemented: min_max_scaler');
}
