/** Mistaken variants of beam_step, one per mistake listed in its grader. */
interface Hypothesis { tokens: number[]; logProb: number; finished: boolean }
interface Opt { forgetPrior?: boolean; perBeam?: boolean; expandFinished?: boolean; dropFinished?: boolean; noEnd?: boolean; noNorm?: boolean }

function step(beams: Hypothesis[], rows: number[][], k: number, end: number, alpha: number, o: Opt): Hypothesis[] {
  const score = (h: Hypothesis) => h.logProb / Math.pow(h.tokens.length, o.noNorm ? 0 : alpha);
  const best = (c: Hypothesis[]) => c.sort((a, b) => score(b) - score(a)).slice(0, k);
  const groups: Hypothesis[][] = beams.map((h, i) => {
    if (h.finished && !o.expandFinished) return o.dropFinished ? [] : [h];
    return rows[i].map((lp, v) => ({ tokens: [...h.tokens, v], logProb: (o.forgetPrior ? 0 : h.logProb) + lp, finished: !o.noEnd && v === end }));
  });
  return o.perBeam ? groups.flatMap(best) : best(groups.flat());
}

type H = Hypothesis[];
export const forgets_prior_score = (b: H, r: number[][], k: number, e: number, a: number) => step(b, r, k, e, a, { forgetPrior: true });
export const keeps_k_per_beam = (b: H, r: number[][], k: number, e: number, a: number) => step(b, r, k, e, a, { perBeam: true });
export const expands_finished = (b: H, r: number[][], k: number, e: number, a: number) => step(b, r, k, e, a, { expandFinished: true });
export const drops_finished = (b: H, r: number[][], k: number, e: number, a: number) => step(b, r, k, e, a, { dropFinished: true });
export const end_not_finished = (b: H, r: number[][], k: number, e: number, a: number) => step(b, r, k, e, a, { noEnd: true });
export const no_length_normalisation = (b: H, r: number[][], k: number, e: number, a: number) => step(b, r, k, e, a, { noNorm: true });
