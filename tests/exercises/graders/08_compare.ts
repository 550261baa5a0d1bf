/** Graders of unit 08 (comparing RNN, LSTM, GRU): gradient norms through time, equal-budget sizes. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/08_compare/gradient_norm_through_time') &
  typeof import('../../../exercises/08_compare/gated_gradient_path') &
  typeof import('../../../exercises/08_compare/param_budget');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- gradient_norm_through_time
const HINT_NORM =
  'Return steps + 1 numbers, starting with m = 0 (‖g_T‖₂ itself). Use the Euclidean norm sqrt(Σ v²) of the vector g_T (Uᵀ)^m, ' +
  'computed by multiplying the vector step by step: the bound ‖g_T‖·‖U‖^m is not the value.';
const HINT_T = 'The step back is g ↦ g Uᵀ, i.e. (g Uᵀ)[k] = Σ_j g[j]·U[k][j] (not g U).';
const HINT_DENSE =
  'Compute each new vector from the whole old one: (g Uᵀ)[k] = Σ_j g[j]·U[k][j] reads every g[j], so write the result into a new array ' +
  '(updating g in place reads entries already overwritten; a diagonal U hides this, a full U does not).';
// U = [[0, 2], [0, 0]]: g Uᵀ = [2 g1, 0] while g U = [0, 2 g0].
const N = [[0, 2], [0, 0]];
// Full, non-symmetric, not nilpotent.
const UD = [[0.2, -0.5, 0.1], [0.4, 0.3, -0.6], [-0.3, 0.7, 0.5]];
/** Reference for the fixtures: ‖g (Uᵀ)^m‖₂, m = 0 … steps. */
function normsRef(u: number[][], g: number[], steps: number): number[] {
  const out = [Math.sqrt(g.reduce((a, v) => a + v * v, 0))];
  for (let m = 1; m <= steps; m++) {
    g = u.map((row) => row.reduce((a, ukj, j) => a + g[j] * ukj, 0));
    out.push(Math.sqrt(g.reduce((a, v) => a + v * v, 0)));
  }
  return out;
}
const gradientNorms = defineGrader<Ex<'gradientNormsThroughTime'>>({
  unit: '08_compare', name: 'gradient_norm_through_time', exportName: 'gradientNormsThroughTime',
  title: 'the norm of ∂ℓ_T/∂h_{T−m} = g_T (Uᵀ)^m for a linear RNN, m = 0 … steps',
  argNames: ['recurrentKernel', 'gT', 'steps'],
  cases: [
    { name: 'vanishing: U = 0.5·I', args: [[[0.5, 0], [0, 0.5]], [3, 4], 3], expected: [5, 2.5, 1.25, 0.625], hint: HINT_NORM },
    { name: 'exploding: U = 2·I', args: [[[2, 0], [0, 2]], [1, 0], 3], expected: [1, 2, 4, 8], hint: HINT_NORM },
    { name: 'non-symmetric U, g_T = [1, 0]', args: [N, [1, 0], 1], expected: [1, 0], hint: HINT_T },
    { name: 'non-symmetric U, g_T = [0, 1]', args: [N, [0, 1], 2], expected: [1, 2, 0], hint: HINT_T },
    { name: 'full 3 × 3 U', args: [UD, [1, -2, 0.5], 3], expected: normsRef(UD, [1, -2, 0.5], 3), hint: HINT_DENSE },
    { name: 'steps = 0', args: [UD, [1, -2, 0.5], 0], expected: [Math.sqrt(5.25)], hint: HINT_NORM },
  ],
  mistakes: [
    { id: 'transposed_jacobian', description: 'steps back with g U instead of g Uᵀ', hint: 'not g U' },
    { id: 'missing_lag_zero', description: 'starts at m = 1 (off by one)', hint: 'starting with m = 0' },
    { id: 'l1_norm', description: 'uses the sum of absolute values as the norm', hint: 'Euclidean norm' },
    { id: 'uses_norm_bound', description: 'returns the bound ‖g_T‖·‖U‖_F^m instead of the actual norm', hint: 'the bound ‖g_T‖·‖U‖^m is not the value' },
    { id: 'squared_norm', description: 'returns Σ v² without the square root', hint: 'sqrt(Σ v²)' },
    { id: 'max_abs_norm', description: 'uses the largest |v| as the norm', hint: 'Euclidean norm' },
    { id: 'extra_lag', description: 'returns steps + 2 numbers (m = 0 … steps + 1)', hint: 'Return steps + 1 numbers' },
    { id: 'in_place_update', description: 'updates g in place, entry by entry', hint: 'write the result into a new array' },
    { id: 'overwrites_gT', description: 'stores each step\'s vector in the caller\'s gT', hint: 'Do not modify the argument `gT`' },
  ],
});

// ---------------------------------------------------------------- gated_gradient_path
// f_1 = [0.5, 1], f_2 = [0.5, 0.9], f_3 = [1, 0.1]; dT = [1, 2]
// m = 0: [1, 2]; m = 1 (× f_3): [1, 0.2]; m = 2 (× f_2): [0.5, 0.18]; m = 3 (× f_1): [0.25, 0.18]
const F = [[0.5, 1], [0.5, 0.9], [1, 0.1]];
const HINT_GATED =
  'Walk backwards from the last step: ∂ℓ/∂c_{T−m} = dT ⊙ f_T ⊙ … ⊙ f_{T−m+1}, so the first factor is f_T (gates[T − 1]), ' +
  'the lag-0 entry is dT itself, and the T + 1 rows go down to ∂ℓ/∂c_0. Multiply (not add) the gates, element-wise: ' +
  'each unit keeps its own factor (no sum over units).';
const gatedGradientPath = defineGrader<Ex<'directPathGradients'>>({
  unit: '08_compare', name: 'gated_gradient_path', exportName: 'directPathGradients',
  title: 'the gradient along the carousel, ∂ℓ/∂c_{T−m} = dT ⊙ f_T ⊙ … ⊙ f_{T−m+1}',
  argNames: ['gates', 'dT'],
  cases: [
    { name: 'three steps, gates differ per unit', args: [F, [1, 2]], expected: [[1, 2], [1, 0.2], [0.5, 0.18], [0.25, 0.18]], hint: HINT_GATED },
    { name: 'the carousel: f = 1 keeps the gradient', args: [[[1, 1], [1, 1]], [3, 4]], expected: [[3, 4], [3, 4], [3, 4]], hint: HINT_GATED },
    {
      name: 'a closed gate stops the gradient', args: [[[1], [0], [1]], [2]], expected: [[2], [2], [0], [0]],
      hint: 'Multiply (not add) the gates: once a factor is 0 every longer lag is 0. ' + HINT_GATED,
    },
    { name: 'negative gradient', args: [[[0.5, 0.25]], [-4, 2]], expected: [[-4, 2], [-2, 0.5]], hint: HINT_GATED },
    {
      name: 'no steps (T = 0)', args: [[], [3, -1]], expected: [[3, -1]],
      hint: 'With T = 0 there is one row, a copy of dT (a new array, not the caller\'s dT).',
    },
  ],
  mistakes: [
    { id: 'forward_gate_order', description: 'multiplies f_1, f_2, … from the first step instead of from the last', hint: 'the first factor is f_T' },
    { id: 'includes_gate_at_lag_zero', description: 'multiplies by f_T already at lag 0 (off by one)', hint: 'the lag-0 entry is dT itself' },
    { id: 'sums_gates', description: 'adds the gates instead of multiplying them', hint: 'Multiply (not add) the gates' },
    { id: 'sums_over_units', description: 'sums the products over the units (a matrix product instead of element-wise)', hint: 'no sum over units' },
    { id: 'drops_c0_row', description: 'returns T rows, stopping before ∂ℓ/∂c_0', hint: 'the T + 1 rows go down to' },
    { id: 'gate_index_shift', description: 'multiplies by gates[s − 2] (f_{s−1}) when stepping back from c_s', hint: 'the first factor is f_T' },
    { id: 'returns_dT_row', description: 'returns the caller\'s dT as the first row', hint: 'must not contain the caller\'s own arrays' },
    { id: 'pushes_same_row', description: 'multiplies one array in place and pushes it at every step', hint: 'Each row of the result must be its own array' },
    { id: 'scales_dT_in_place', description: 'multiplies the caller\'s dT in place', hint: 'Do not modify the argument `dT`' },
  ],
});

// ---------------------------------------------------------------- param_budget
const HINT_BUDGET =
  'Return the largest h with k(h(n + h) + h) ≤ budget (the last h that fits, not the first that does not), with k = 1 (RNN), 4 (LSTM), ' +
  '3 (GRU: reset before, no second bias); n = inputSize and h differ; the bias counts.';
const HINT_EDGE = 'A count exactly equal to the budget fits (≤, not <); return the last h that fits, not the first that does not.';
const paramBudget = defineGrader<Ex<'hiddenSizeForBudget'>>({
  unit: '08_compare', name: 'param_budget', exportName: 'hiddenSizeForBudget',
  title: 'the largest hiddenSize within a parameter budget, per cell',
  argNames: ['cell', 'inputSize', 'budget'],
  cases: [
    { name: 'RNN, n = 1, budget 100', args: ['rnn', 1, 100], expected: 9, hint: HINT_BUDGET },          // 9·10 + 9 = 99
    { name: 'RNN, n = 1, budget 110: the bias counts', args: ['rnn', 1, 110], expected: 9, hint: HINT_BUDGET }, // h = 10: 10·11 + 10 = 120
    { name: 'LSTM, n = 1, budget 105', args: ['lstm', 1, 105], expected: 4, hint: HINT_BUDGET },        // 4·24 = 96; h = 5: 140
    { name: 'GRU, n = 65, same budget', args: ['gru', 65, 329728], expected: 300, hint: HINT_BUDGET },  // 3·(300·365 + 300) = 329400
    { name: 'GRU, budget met exactly', args: ['gru', 1, 105], expected: 5, hint: HINT_EDGE },           // 3·(5·6 + 5) = 105
    { name: 'LSTM, n = 65, budget 329728 (met exactly)', args: ['lstm', 65, 329728], expected: 256, hint: HINT_EDGE },
    { name: 'RNN, n = 65, same budget', args: ['rnn', 65, 329728], expected: 542, hint: HINT_BUDGET },  // 542·607 + 542 = 329536
    { name: 'budget too small for h = 1', args: ['rnn', 10, 5], expected: 0, hint: 'If even h = 1 does not fit (1·(n + 1) + 1 > budget), return 0.' },
  ],
  mistakes: [
    { id: 'gru_four_gates', description: 'uses 4 weight blocks for the GRU', hint: '3 (GRU' },
    { id: 'strict_inequality', description: 'requires the count to be strictly below the budget', hint: '≤, not <' },
    { id: 'first_over_budget', description: 'returns the first h that exceeds the budget (off by one)', hint: 'not the first that does not' },
    { id: 'forgets_bias', description: 'counts k·h(n + h) without the bias', hint: 'the bias counts' },
    { id: 'rounds_closed_form', description: 'rounds the closed-form root to the nearest integer', hint: 'the last h that fits' },
    { id: 'lstm_three_gates', description: 'uses 3 weight blocks for the LSTM', hint: '4 (LSTM)' },
    { id: 'square_assumption', description: 'counts h(h + h) for the weights, as if n = h', hint: 'n = inputSize and h differ' },
    { id: 'gru_reset_after_count', description: 'counts the reset-after GRU (a second bias of 3h)', hint: 'no second bias' },
    { id: 'at_least_one', description: 'starts from h = 1, so it never returns 0', hint: 'return 0' },
  ],
});

export const graders: Grader[] = [gradientNorms, gatedGradientPath, paramBudget];
