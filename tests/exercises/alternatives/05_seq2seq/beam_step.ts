/** Correct alternatives to the reference beam_step: every one must pass the grader. */
interface Hypothesis { tokens: number[]; logProb: number; finished: boolean }

/** Keep a sorted list of at most beamWidth, inserting each candidate after every one that scores at least as high. */
export function insertionBeam(beams: Hypothesis[], logProbs: number[][], beamWidth: number, endToken: number, alpha: number): Hypothesis[] {
  const kept: { h: Hypothesis; score: number }[] = [];
  const offer = (h: Hypothesis) => {
    const score = h.logProb / h.tokens.length ** alpha;
    let at = kept.length;
    while (at > 0 && kept[at - 1].score < score) at--;
    if (at < beamWidth) {
      kept.splice(at, 0, { h, score });
      if (kept.length > beamWidth) kept.pop();
    }
  };
  for (let i = 0; i < beams.length; i++) {
    const h = beams[i];
    if (h.finished) {
      offer({ tokens: h.tokens.slice(), logProb: h.logProb, finished: true });
      continue;
    }
    for (let v = 0; v < logProbs[i].length; v++) {
      offer({ tokens: h.tokens.concat([v]), logProb: h.logProb + logProbs[i][v], finished: v === endToken });
    }
  }
  return kept.map((e) => e.h);
}

/** Score every candidate first, then sort candidate indices (ties by index). */
export function indexSort(beams: Hypothesis[], logProbs: number[][], beamWidth: number, endToken: number, alpha: number): Hypothesis[] {
  const candidates = beams.flatMap((h, i) =>
    h.finished
      ? [{ tokens: [...h.tokens], logProb: h.logProb, finished: true }]
      : logProbs[i].map((lp, v) => ({ tokens: [...h.tokens, v], logProb: h.logProb + lp, finished: v === endToken })));
  const scores = candidates.map((h) => h.logProb / Math.pow(h.tokens.length, alpha));
  const order = candidates.map((_, j) => j).sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, beamWidth).map((j) => candidates[j]);
}
