/** Mistaken variants of beam_step, one per mistake listed in its grader. */
interface Hypothesis { tokens: number[]; logProb: number; finished: boolean }
interface Opt {
  forgetPrior?: boolean; multiply?: boolean; perBeam?: boolean; worst?: boolean; allCandidates?: boolean;
  expandFinished?: boolean; dropFinished?: boolean; noEnd?: boolean; noNorm?: boolean; oldLength?: boolean;
  inPlace?: boolean;
}

function step(beams: Hypothesis[], rows: number[][], k: number, end: number, alpha: number, o: Opt): Hypothesis[] {
  const length = (h: Hypothesis & { grown?: boolean }) => h.tokens.length - (o.oldLength && h.grown ? 1 : 0);
  const score = (h: Hypothesis) => h.logProb / Math.pow(length(h), o.noNorm ? 0 : alpha);
  const best = (c: Hypothesis[]) => {
    const sorted = c.sort((a, b) => (o.worst ? score(a) - score(b) : score(b) - score(a)));
    const kept = o.allCandidates ? sorted : sorted.slice(0, k);
    return kept.map(({ tokens, logProb, finished }) => ({ tokens, logProb, finished }));
  };
  const groups: Hypothesis[][] = beams.map((h, i) => {
    if (h.finished && !o.expandFinished) return o.dropFinished ? [] : [{ ...h, tokens: [...h.tokens] }];
    return rows[i].map((lp, v) => {
      const prior = o.forgetPrior ? 0 : h.logProb;
      const tokens = o.inPlace ? h.tokens : [...h.tokens];
      tokens.push(v);
      return {
        tokens: o.inPlace ? [...tokens] : tokens,
        logProb: o.multiply ? prior * lp : prior + lp,
        finished: !o.noEnd && v === end,
        grown: true,
      };
    });
  });
  return o.perBeam ? groups.flatMap(best) : best(groups.flat());
}

type H = Hypothesis[];
type R = number[][];
export const forgets_prior_score = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { forgetPrior: true });
export const multiplies_log_probs = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { multiply: true });
export const keeps_k_per_beam = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { perBeam: true });
export const keeps_worst = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { worst: true });
export const ignores_beam_width = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { allCandidates: true });
export const expands_finished = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { expandFinished: true });
export const drops_finished = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { dropFinished: true });
export const end_not_finished = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { noEnd: true });
export const no_length_normalisation = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { noNorm: true });
export const normalises_by_old_length = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { oldLength: true });
export const extends_in_place = (b: H, r: R, k: number, e: number, a: number) => step(b, r, k, e, a, { inPlace: true });
