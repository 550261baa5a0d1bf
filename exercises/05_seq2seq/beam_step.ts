/**
 * Exercise 05 · beam_step — one step of beam search.
 * Theory: theory/05_advanced_architectures.md, Section 3 (*Decoding: greedy and beam search*);
 * notebook 05 compares greedy decoding with beam search (the library's `beamStep` in
 * lib/src/textgen/beam.ts; try to write yours before you read it).
 *
 * A hypothesis is a partial output with its log-probability log p(y_1..y_n) = Σ_j log p(y_j | y_<j)
 * and a flag `finished` (it ended with the end token). `logProbs[i]` holds log p(v | beams[i]) for
 * every token v. One step:
 *
 *   1. expand: each unfinished hypothesis i becomes one candidate per token v, with
 *        tokens   = [...beams[i].tokens, v]
 *        logProb  = beams[i].logProb + logProbs[i][v]
 *        finished = (v === endToken)
 *   2. carry:  each finished hypothesis is a candidate as it is (never extended; its row of
 *              logProbs is not read);
 *   3. score:  score = logProb / n^alpha, with n = tokens.length (length normalisation;
 *              alpha = 0 ranks by the raw log-probability);
 *   4. keep:   the beamWidth candidates of highest score, over all hypotheses together, best
 *              first. On a tie the earlier candidate wins (candidates in the order of `beams`,
 *              each hypothesis' extensions in token order).
 *
 * Return the kept hypotheses as new objects: copy a carried one ({ ...h, tokens: [...h.tokens] }), so
 * that the result shares no array with `beams`, and never push onto a hypothesis' own `tokens`.
 *
 * Hints:
 * - A log-probability grows by addition: the prefix's logProb plus the token's.
 * - The end token makes a candidate finished; a finished one stays in the race unchanged.
 * - Keep beamWidth candidates in total, not beamWidth per hypothesis.
 *
 * Try it: beamStep([{ tokens: [], logProb: 0, finished: false }], [[Math.log(0.1), Math.log(0.6), Math.log(0.3)]], 2, 0, 0)
 *         → tokens [1] (log 0.6) and [2] (log 0.3)
 * Grade:  npm run grade -- beam_step
 */
export interface Hypothesis {
  tokens: number[];
  logProb: number;
  finished: boolean;
}

export function beamStep(beams: Hypothesis[], logProbs: number[][], beamWidth: number, endToken: number, alpha: number): Hypothesis[] {
  // TODO
  throw new Error('not implemented: beam_step');
}
