/**
 * Character vocabulary for character-level language models: one id per distinct
 * character (Unicode code point), ids in code-point order, so the same text
 * always gives the same ids. encode/decode round-trip exactly.
 */
export class CharVocab {
  /** id -> character. */
  readonly chars: string[];
  private readonly ids: Map<string, number>;

  constructor(chars: string[]) {
    if (!Array.isArray(chars) || chars.length === 0) {
      throw new Error('CharVocab: the vocabulary is empty (no characters): build it from a non-empty text');
    }
    if (chars.some((c) => typeof c !== 'string' || [...c].length !== 1)) throw new Error('CharVocab: every entry must be one character');
    this.chars = chars;
    this.ids = new Map(chars.map((c, i) => [c, i]));
    if (this.ids.size !== chars.length) throw new Error('CharVocab: the characters must be distinct');
  }

  /** The vocabulary of every character in `text`. */
  static fromText(text: string): CharVocab {
    const set = new Set<string>();
    for (const ch of text) set.add(ch);
    return new CharVocab([...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  get vocabSize(): number {
    return this.chars.length;
  }

  /** Ids of the characters of `text`; an unknown character is an error naming it and its position. */
  encode(text: string): Int32Array {
    const out: number[] = [];
    for (const ch of text) {
      const id = this.ids.get(ch);
      if (id === undefined) {
        throw new Error(`CharVocab.encode: character ${JSON.stringify(ch)} at position ${out.length} is not in the vocabulary (${this.vocabSize} characters)`);
      }
      out.push(id);
    }
    return Int32Array.from(out);
  }

  /** The text of a sequence of ids. */
  decode(ids: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < ids.length; i++) {
      const ch = this.chars[ids[i]];
      if (ch === undefined) throw new Error(`CharVocab.decode: id ${ids[i]} at position ${i} is outside 0..${this.vocabSize - 1}`);
      s += ch;
    }
    return s;
  }
}
