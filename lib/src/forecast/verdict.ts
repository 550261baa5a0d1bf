/**
 * A plain sentence comparing a model with a baseline, built from the numbers, so a
 * notebook never states in prose a result its run did not produce.
 */

export interface Comparison {
  /** e.g. 'the GRU'. */
  model: string;
  /** e.g. 'the random walk'. */
  baseline: string;
  /** e.g. 'MAE'. */
  metric: string;
  modelError: number;
  baselineError: number;
  /** Units appended to the numbers, e.g. ' °C'. Default ''. */
  units?: string;
  /** Decimals shown. Default 3. */
  digits?: number;
  /**
   * Relative differences smaller than this (in percent of the baseline) count as a tie:
   * "no better than". Default 1.
   */
  tiePercent?: number;
}

/** 'better' | 'tie' | 'worse', with the tie margin of `tiePercent`. */
export function compareErrors(c: Comparison): 'better' | 'tie' | 'worse' {
  const rel = (100 * (c.baselineError - c.modelError)) / c.baselineError;
  const tie = c.tiePercent ?? 1;
  if (Math.abs(rel) < tie) return 'tie';
  return rel > 0 ? 'better' : 'worse';
}

/** e.g. "the GRU beats the random walk: MAE 1.20 against 1.50 (20.0% lower)." */
export function verdictSentence(c: Comparison): string {
  const d = c.digits ?? 3;
  const u = c.units ?? '';
  const nums = `${c.metric} ${c.modelError.toFixed(d)}${u} against ${c.baselineError.toFixed(d)}${u}`;
  const rel = (100 * (c.baselineError - c.modelError)) / c.baselineError;
  switch (compareErrors(c)) {
    case 'better':
      return `${c.model} beats ${c.baseline}: ${nums} (${rel.toFixed(1)}% lower).`;
    case 'worse':
      return `${c.model} does NOT beat ${c.baseline}: ${nums} (${(-rel).toFixed(1)}% higher).`;
    default:
      return `${c.model} is no better than ${c.baseline}: ${nums} (a difference of ${rel.toFixed(1)}%, within ±${c.tiePercent ?? 1}%).`;
  }
}
