/** Graders of unit 06 (time series): windows, the persistence baseline, leakage-free scaling. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/06_timeseries/sliding_windows') &
  typeof import('../../../exercises/06_timeseries/persistence_baseline') &
  typeof import('../../../exercises/06_timeseries/min_max_scaler');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- sliding_windows
const HINT_COUNT_W =
  'Starts t = 0, 1, 2, … n − lookBack − horizon, one step apart (windows overlap): loop while t + lookBack + horizon ≤ n, so the last window ends at the last value.';
const HINT_TARGET = 'The target starts right after the window, at s[t + lookBack], and each target holds horizon values s[t + lookBack] … s[t + lookBack + horizon − 1].';
const slidingWindows = defineGrader<Ex<'slidingWindows'>>({
  unit: '06_timeseries', name: 'sliding_windows', exportName: 'slidingWindows',
  title: 'input windows of lookBack values and targets of the next horizon values',
  argNames: ['series', 'lookBack', 'horizon'],
  cases: [
    {
      name: 'lookBack 3, horizon 1', args: [[1, 2, 3, 4, 5, 6], 3, 1],
      expected: { x: [[1, 2, 3], [2, 3, 4], [3, 4, 5]], y: [[4], [5], [6]] }, hint: `${HINT_COUNT_W} ${HINT_TARGET}`,
    },
    {
      name: 'lookBack 3, horizon 2', args: [[1, 2, 3, 4, 5, 6], 3, 2],
      expected: { x: [[1, 2, 3], [2, 3, 4]], y: [[4, 5], [5, 6]] },
      hint: `With horizon 2 there are n − lookBack − horizon + 1 = 2 windows. ${HINT_TARGET}`,
    },
    { name: 'exactly one window fits', args: [[10, 20, 30, 40], 3, 1], expected: { x: [[10, 20, 30]], y: [[40]] }, hint: HINT_COUNT_W },
    {
      name: 'series too short: no window', args: [[1, 2], 3, 1], expected: { x: [], y: [] },
      hint: 'A series too short for one window gives { x: [], y: [] } (n − lookBack − horizon + 1 is negative here: no loop, no Array of negative length).',
    },
    {
      name: 'negative and repeated values', args: [[-1, -1, 0, -2, 3], 2, 2],
      expected: { x: [[-1, -1], [-1, 0]], y: [[0, -2], [-2, 3]] }, hint: `${HINT_COUNT_W} ${HINT_TARGET}`,
    },
  ],
  mistakes: [
    { id: 'drops_last_window', description: 'loops while t + lookBack + horizon < n (off by one)', hint: 'the last window ends at the last value' },
    { id: 'target_overlaps_window', description: 'starts the target at s[t + lookBack − 1], the last input value', hint: 'The target starts right after the window' },
    { id: 'ignores_horizon', description: 'always uses a single target value', hint: 'each target holds horizon values' },
    { id: 'horizon_as_gap', description: 'takes only the value horizon steps ahead as the target', hint: 'each target holds horizon values' },
    { id: 'loop_ignores_horizon', description: 'loops while t + lookBack < n, ignoring the horizon in the count', hint: 'n − lookBack − horizon + 1 = 2 windows' },
    { id: 'stride_look_back', description: 'moves the window by lookBack instead of 1 (no overlap)', hint: 'one step apart' },
    { id: 'negative_length_array', description: 'allocates Array(n − lookBack − horizon + 1), a RangeError when the series is too short', hint: 'no Array of negative length' },
    { id: 'reuses_window_array', description: 'slides one window array (shift, push) and pushes it every time', hint: 'Each row of the result must be its own array' },
    { id: 'shifts_series', description: 'consumes the caller\'s series with shift()', hint: 'Do not modify the argument `series`' },
  ],
});

// ---------------------------------------------------------------- persistence_baseline
const HINT_PERS = 'ŷ_t = y_{t − horizon} for t = horizon … n − 1; MAE = mean |e_t| (absolute values: errors must not cancel), RMSE = sqrt(mean e_t²).';
const HINT_N = 'There are n − horizon forecasts: divide by n − horizon, not by n.';
const HINT_RMSE = 'RMSE = sqrt(mean e_t²): square the errors, average them, then take the root (not the mean |e_t|, and do not subtract the mean error).';
const persistenceBaseline = defineGrader<Ex<'persistenceErrors'>>({
  unit: '06_timeseries', name: 'persistence_baseline', exportName: 'persistenceErrors',
  title: 'MAE and RMSE of the persistence forecast ŷ_t = y_{t−horizon}',
  argNames: ['series', 'horizon'],
  cases: [
    // errors 1, 2, 3
    { name: 'rising series, horizon 1: MAE', args: [[1, 2, 4, 7], 1], expected: { mae: 2 }, hint: `${HINT_PERS} ${HINT_N}` },
    { name: 'rising series, horizon 1: RMSE', args: [[1, 2, 4, 7], 1], expected: { rmse: Math.sqrt(14 / 3) }, hint: HINT_RMSE },
    // errors −2, 1, −3
    { name: 'errors of both signs', args: [[5, 3, 4, 1], 1], expected: { mae: 2, rmse: Math.sqrt(14 / 3) }, hint: HINT_PERS },
    // ŷ = [1, 2] for y = [4, 7]: errors 3, 5
    {
      name: 'horizon 2', args: [[1, 2, 4, 7], 2], expected: { mae: 4, rmse: Math.sqrt(17) },
      hint: 'With horizon h the forecast repeats the value h steps back: ŷ_t = y_{t−h}. ' + HINT_N,
    },
    // errors −3, 2, −5
    { name: 'negative series', args: [[-2, -5, -3, -8], 1], expected: { mae: 10 / 3, rmse: Math.sqrt(38 / 3) }, hint: HINT_PERS },
    { name: 'a single forecast', args: [[3, -1], 1], expected: { mae: 4, rmse: 4 }, hint: HINT_N },
  ],
  mistakes: [
    { id: 'no_abs', description: 'averages signed errors for the MAE', hint: 'errors must not cancel' },
    { id: 'forgets_sqrt', description: 'returns the MSE as the RMSE', hint: 'then take the root' },
    { id: 'ignores_horizon', description: 'always forecasts with the previous value (lag 1)', hint: 'repeats the value h steps back' },
    { id: 'divides_by_n', description: 'divides by n instead of the number of forecasts', hint: 'divide by n − horizon' },
    { id: 'abs_of_mean', description: 'takes |mean e_t| as the MAE', hint: 'errors must not cancel' },
    { id: 'rmse_is_mean_abs', description: 'averages sqrt(e_t²) = |e_t| for the RMSE', hint: 'not the mean |e_t|' },
    { id: 'subtracts_mean_error', description: 'returns the standard deviation of the errors as the RMSE', hint: 'do not subtract the mean error' },
    { id: 'divides_by_one_less', description: 'divides by n − horizon − 1', hint: 'divide by n − horizon' },
    { id: 'lag_off_by_one', description: 'forecasts with y_{t − horizon + 1}', hint: 'ŷ_t = y_{t − horizon}' },
    { id: 'splices_series', description: 'cuts the forecasts out of the caller\'s series with splice', hint: 'Do not modify the argument `series`' },
  ],
});

// ---------------------------------------------------------------- min_max_scaler
const HINT_FIT =
  'Fit min and max on the training split only, then apply (v − min)/(max − min) to both splits: using the test values leaks the future, ' +
  'and a separate scaler for the test split puts it on another scale. Test values may fall outside [0, 1].';
const HINT_INIT = (sign: string, bound: string) =>
  `min and max come from the training values: start the running ${bound} at train[0] (or Math.${bound === 'minimum' ? 'min' : 'max'}(...train)), not at 0; here every training value is ${sign}.`;
const minMaxScaler = defineGrader<Ex<'minMaxScale'>>({
  unit: '06_timeseries', name: 'min_max_scaler', exportName: 'minMaxScale',
  title: 'min-max scaling fitted on the training split only',
  argNames: ['train', 'test'],
  cases: [
    {
      name: 'subtract the minimum, divide by the range', args: [[-2, 0, 2], [2, -2, 1]],
      expected: { train: [0, 0.5, 1], test: [1, 0, 0.75], min: -2, max: 2 },
      hint: 'v\' = (v − min)/(max − min): subtract the minimum, then divide by the range (not by the maximum, and not max − v).',
    },
    {
      name: 'all training values positive', args: [[2, 4, 6], [6, 2, 3]],
      expected: { train: [0, 0.5, 1], test: [1, 0, 0.25], min: 2, max: 6 }, hint: HINT_INIT('positive', 'minimum'),
    },
    {
      name: 'all training values negative', args: [[-6, -2, -4], [-2, -6, -3]],
      expected: { train: [0, 1, 0.5], test: [1, 0, 0.75], min: -6, max: -2 }, hint: HINT_INIT('negative', 'maximum'),
    },
    {
      name: 'test values outside the training range', args: [[2, 4, 6], [5, 8]],
      expected: { train: [0, 0.5, 1], test: [0.75, 1.5], min: 2, max: 6 }, hint: HINT_FIT,
    },
    {
      name: 'test values below the training minimum', args: [[10, 20, 15], [0, 12]],
      expected: { train: [0, 1, 0.5], test: [-1, 0.2], min: 10, max: 20 }, hint: HINT_FIT,
    },
    {
      name: 'constant training split', args: [[3, 3], [4]], expected: { train: [0, 0], test: [1], min: 3, max: 3 },
      hint: 'When max = min use a range of 1 (v\' = v − min) instead of dividing by zero.',
    },
  ],
  mistakes: [
    { id: 'fits_on_train_and_test', description: 'takes min and max over train and test together (leakage)', hint: 'using the test values leaks the future' },
    { id: 'fits_test_separately', description: 'fits a second scaler on the test split', hint: 'a separate scaler for the test split' },
    { id: 'divides_by_max', description: 'computes (v − min)/max', hint: 'not by the maximum' },
    { id: 'no_constant_guard', description: 'divides by zero on a constant training split (NaN)', hint: 'instead of dividing by zero' },
    { id: 'inverted_formula', description: 'computes (max − v)/(max − min)', hint: 'not max − v' },
    { id: 'min_starts_at_zero', description: 'starts the running minimum at 0', hint: 'every training value is positive' },
    { id: 'max_starts_at_zero', description: 'starts the running maximum at 0', hint: 'every training value is negative' },
    { id: 'constant_to_zero', description: 'maps everything to 0 on a constant training split', hint: 'use a range of 1' },
    { id: 'sorts_train', description: 'sorts the training split in place to find min and max', hint: 'Do not modify the argument `train`' },
  ],
});

export const graders: Grader[] = [slidingWindows, persistenceBaseline, minMaxScaler];
