import { joinWords } from './tokenize';

/**
 * Word vocabulary with a padding token (id 0) and an out-of-vocabulary token (id 1).
 *
 * Building: count tokens over all documents, keep those seen at least `minCount`
 * times, order by count (descending), ties by token (code-unit order), and keep
 * the first `maxSize - 2` so that every id is below `maxSize` (= vocabSize, the
 * `inputDim` of an embedding). Unknown tokens encode to the OOV id.
 */
export interface VocabularyOptions {
  /** Largest vocabSize, counting the padding and OOV tokens. Default: no limit. */
  maxSize?: number;
  /** Keep only tokens seen at least this often. Default 1. */
  minCount?: number;
  /** Padding token, id 0. Default `<pad>`. */
  padToken?: string;
  /** Out-of-vocabulary token, id 1. Default `<unk>`. */
  oovToken?: string;
}

export class Vocabulary {
  static readonly padId = 0;
  static readonly oovId = 1;
  /** id -> token; tokens[0] is the padding token, tokens[1] the OOV token. */
  readonly tokens: string[];
  private readonly ids: Map<string, number>;

  constructor(tokens: string[]) {
    if (tokens.length < 2) throw new Error('Vocabulary: needs at least the padding and OOV tokens');
    this.tokens = tokens;
    this.ids = new Map(tokens.map((t, i) => [t, i]));
    if (this.ids.size !== tokens.length) throw new Error('Vocabulary: tokens must be distinct');
  }

  /** Build from tokenised documents (see the rule at the top of the file). */
  static build(documents: Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
    const pad = options.padToken ?? '<pad>';
    const oov = options.oovToken ?? '<unk>';
    const minCount = options.minCount ?? 1;
    const maxSize = options.maxSize ?? Infinity;
    if (!(maxSize === Infinity || Number.isInteger(maxSize))) throw new Error(`Vocabulary.build: maxSize must be an integer, got ${maxSize}`);
    if (maxSize < 3) throw new Error(`Vocabulary.build: maxSize ${maxSize} leaves no room for a token besides the padding and OOV tokens (at least 3)`);
    if (!(Number.isInteger(minCount) && minCount >= 1)) throw new Error(`Vocabulary.build: minCount must be a positive integer, got ${minCount}`);
    const counts = new Map<string, number>();
    for (const doc of documents) for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
    counts.delete(pad);
    counts.delete(oov);
    const kept = [...counts.entries()]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, Math.max(0, maxSize - 2))
      .map(([t]) => t);
    if (kept.length === 0) {
      throw new Error(
        `Vocabulary.build: no token kept (${counts.size} distinct tokens in the documents, minCount ${minCount}): ` +
          'the vocabulary would hold only the padding and OOV tokens; check the documents and minCount',
      );
    }
    return new Vocabulary([pad, oov, ...kept]);
  }

  get vocabSize(): number {
    return this.tokens.length;
  }

  get padToken(): string {
    return this.tokens[0];
  }

  get oovToken(): string {
    return this.tokens[1];
  }

  /** The id of a token (the OOV id if unknown). */
  id(token: string): number {
    return this.ids.get(token) ?? Vocabulary.oovId;
  }

  /** Ids of a token sequence. */
  encode(tokens: readonly string[]): number[] {
    return tokens.map((t) => this.ids.get(t) ?? Vocabulary.oovId);
  }

  /** Tokens of an id sequence; padding is skipped unless `keepPadding`. */
  decode(ids: ArrayLike<number>, keepPadding = false): string[] {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === Vocabulary.padId && !keepPadding) continue;
      const t = this.tokens[id];
      if (t === undefined) throw new Error(`Vocabulary.decode: id ${id} at position ${i} is outside 0..${this.vocabSize - 1}`);
      out.push(t);
    }
    return out;
  }

  /**
   * The text of an id sequence, to read: its tokens (padding skipped) joined by `joinWords`,
   * punctuation attached to its word (`[the, king, ",", my, lord]` -> "the king, my lord").
   */
  decodeText(ids: ArrayLike<number>): string {
    return joinWords(this.decode(ids));
  }
}
