/**
 * Exercise 06 · sliding_windows — supervised pairs from a series (look-back and horizon).
 * Notebook 06 "Time series forecasting"; theory/01_rnn_fundamentals.md, Section 2 (shapes).
 *
 * From a series s_0 … s_{n−1}, a window of `lookBack` past values is the input and the next
 * `horizon` values are the target. For every start t = 0, 1, … for which both fit:
 *
 *   x_t = (s_t, …, s_{t+lookBack−1})                          [lookBack]
 *   y_t = (s_{t+lookBack}, …, s_{t+lookBack+horizon−1})        [horizon]
 *
 * i.e. t runs from 0 to n − lookBack − horizon inclusive. Return { x, y } with shapes
 * [windows, lookBack] and [windows, horizon]; empty arrays if the series is too short.
 *
 * Do not modify the series; every window and every target is a new array.
 *
 * Hints:
 * - The last window ends exactly at the last value of the series: count the windows on paper
 *   for n = 6, lookBack = 3, horizon = 1 (there are 3).
 * - The target starts right after the window: it never contains a value the input has seen.
 *
 * Try it: slidingWindows([1, 2, 3, 4, 5], 3, 1) → { x: [[1, 2, 3], [2, 3, 4]], y: [[4], [5]] }
 * Grade:  npm run grade -- sliding_windows
 */
export function slidingWindows(series: number[], lookBack: number, horizon: number): { x: number[][]; y: number[][] } {
  // TODO
  throw new Error('not implemented: sliding_windows');
}
