/**
 * Word tokenizer.
 *
 * - lower-cases (option `lowerCase`, default true);
 * - a word is a run of letters and digits; an apostrophe between two such runs
 *   stays inside the word (`don't`, `o'clock`, `know't`); curly apostrophes (’)
 *   become straight ones ('); quotes at the start or end of a word are dropped;
 * - every other non-space character is punctuation: dropped by default, or kept
 *   as a one-character token with `punctuation: 'keep'` (so `gable-ended` gives
 *   `gable`, `-`, `ended`);
 * - `stripHtml: true` first replaces HTML tags such as `<br />` with a space.
 *
 * `joinWords` goes the other way, for reading what a word model wrote: tokens separated by a
 * space, punctuation attached as it is printed (see its rules below).
 */
export interface TokenizeOptions {
  /** Lower-case the text first. Default true. */
  lowerCase?: boolean;
  /** `drop` (default) or `keep` punctuation characters as tokens. */
  punctuation?: 'drop' | 'keep';
  /** Replace HTML tags with a space first. Default false. */
  stripHtml?: boolean;
}

const WORD = "[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*";
const WORDS_ONLY = new RegExp(WORD, 'gu');
const WORDS_AND_PUNCT = new RegExp(`${WORD}|[^\\s\\p{L}\\p{N}']`, 'gu');

export function tokenizeWords(text: string, options: TokenizeOptions = {}): string[] {
  let s = options.stripHtml ? text.replace(/<[^>]{0,100}>/g, ' ') : text;
  if (options.lowerCase ?? true) s = s.toLowerCase();
  s = s.replace(/[\u2018\u2019]/g, "'");
  return s.match(options.punctuation === 'keep' ? WORDS_AND_PUNCT : WORDS_ONLY) ?? [];
}

/** Punctuation written against the word before it: `king ,` -> `king,`. */
const CLOSING = new Set([',', '.', ';', ':', '!', '?', ')', ']', '}']);
/** Punctuation written against the word after it: `( aside` -> `(aside`. */
const OPENING = new Set(['(', '[', '{']);
/** Punctuation written against both neighbours: `gable - ended` -> `gable-ended`, `king - -` -> `king--`. */
const JOINING = new Set(['-', '&']);

/**
 * Text of word and punctuation tokens (what `tokenizeWords(text, { punctuation: 'keep' })`
 * returns, or a word model writes): tokens separated by one space, except that closing
 * punctuation `, . ; : ! ? ) ] }` follows the word before it without a space, opening brackets
 * `( [ {` precede the word after it, and `-` and `&` join both neighbours. Case is left as it is.
 *
 *   joinWords(['the', 'king', ',', 'my', 'lord', '.'])  // "the king, my lord."
 *   joinWords(['gable', '-', 'ended'])                   // "gable-ended"
 */
export function joinWords(tokens: readonly string[]): string {
  let out = '';
  let glueNext = true; // no space before the first token, nor after an opening or joining token
  for (const t of tokens) {
    if (t.length === 0) continue;
    if (!glueNext && !CLOSING.has(t) && !JOINING.has(t)) out += ' ';
    out += t;
    glueNext = OPENING.has(t) || JOINING.has(t);
  }
  return out;
}
