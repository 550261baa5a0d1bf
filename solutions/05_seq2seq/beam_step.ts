// REFERENCE SOLUTION. Try the exercise in exercises/05_seq2seq/beam_step.ts first.
/** beam_step: expand the unfinished hypotheses, carry the finished ones, keep the beamWidth best by length-normalised score. */
export interface Hypothesis {
  tokens: number[];
  logProb: number;
  finished: boolean;
}

export function beamStep(beams: Hypothesis[], logProbs: number[][], beamWidth: number, endToken: number, alpha: number): Hypothesis[] {
  const candidates: Hypothesis[] = [];
  beams.forEach((h, i) => {
    if (h.finished) {
      candidates.push({ ...h, tokens: [...h.tokens] }); // carried unchanged, as a copy
      return;
    }
    logProbs[i].forEach((lp, v) => {
      candidates.push({ tokens: [...h.tokens, v], logProb: h.logProb + lp, finished: v === endToken });
    });
  });
  const score = (h: Hypothesis) => h.logProb / Math.pow(h.tokens.length, alpha);
  // Array.prototype.sort is stable: on equal scores the earlier candidate stays first
  return candidates.sort((a, b) => score(b) - score(a)).slice(0, beamWidth);
}
