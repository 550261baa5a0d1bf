/** IMDB: the documented 25,000 / 25,000 split, balanced, deterministic. Loaded once (66 MB JSON). */
import { Imdb, loadImdb, tokenizeWords, Vocabulary, padSequences } from '../../lib/src/data';

let imdb: Imdb;
beforeAll(async () => {
  imdb = await loadImdb();
});

const count = (labels: number[], v: number) => labels.filter((l) => l === v).length;

describe('IMDB', () => {
  test('25,000 train and 25,000 test reviews, 12,500 of each label on each side', () => {
    for (const side of [imdb.train, imdb.test]) {
      expect(side.texts).toHaveLength(25000);
      expect(side.labels).toHaveLength(25000);
      expect([count(side.labels, 0), count(side.labels, 1)]).toEqual([12500, 12500]);
    }
  });

  test('split rule: the k-th review of each label goes to train for even k, test for odd k', () => {
    // The first record of the file (negative) is the first negative of train.
    expect(imdb.train.texts[0].startsWith('Once again Mr. Costner has dragged out a movie')).toBe(true);
    expect(imdb.train.labels[0]).toBe(0);
  });

  test('the <br /> tags are gone by default', () => {
    expect(imdb.train.texts.some((t) => /<br\s*\/?>/i.test(t))).toBe(false);
  });

  test('tokenise, build a 10,000-word vocabulary on train only, encode and pad a few reviews', () => {
    const docs = imdb.train.texts.slice(0, 2000).map((t) => tokenizeWords(t));
    const vocab = Vocabulary.build(docs, { maxSize: 10000, minCount: 2 });
    expect(vocab.vocabSize).toBe(10000);
    expect(vocab.tokens.slice(0, 3)).toEqual(['<pad>', '<unk>', 'the']);
    const x = padSequences(docs.slice(0, 8).map((d) => vocab.encode(d)), { maxLen: 200 });
    expect(x).toHaveLength(8);
    expect(x.every((row) => row.length === 200 && row.every((id) => id >= 0 && id < 10000))).toBe(true);
  });
});
