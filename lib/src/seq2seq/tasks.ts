/**
 * Sequence-to-sequence tasks with exact answers, for notebooks 05 and 09: addition of numbers
 * given as text ("12+7 " → "19 ") and date normalisation ("April 23, 2015" → "2015-04-23").
 *
 * Every generator is seeded (the same seed gives the same problems) and returns a training and a
 * held-out split that share no problem: problems are drawn until `trainSize + testSize` distinct
 * *keys* are found, and each key goes to one split only. The key is what must not leak:
 * - addition: the unordered pair {a, b}, so "12+7" and "7+12" are never on both sides;
 * - dates: the calendar date, so a held-out date is never seen in training in any format.
 *
 * Sources and targets are padded on the right with spaces to fixed lengths (`srcLen`, `tgtLen`),
 * as in exercise `05_seq2seq/addition_pair`, so that a batch is a plain matrix.
 */
import { seededRandom } from '../data/rng';

/** One problem: the text the encoder reads and the text the decoder must write. */
export interface Seq2SeqPair {
  source: string;
  target: string;
}

/** A task: its name, both splits, and the padded lengths. */
export interface Seq2SeqTask {
  name: string;
  train: Seq2SeqPair[];
  test: Seq2SeqPair[];
  /** Length of every source (padded with spaces). */
  srcLen: number;
  /** Length of every target (padded with spaces). */
  tgtLen: number;
}

/** Sizes and seed of a generated task. */
export interface TaskSizes {
  /** Training problems (default 1000). */
  trainSize?: number;
  /** Held-out problems, disjoint from the training ones (default 200). */
  testSize?: number;
  /** Seed of the generator (default 42). */
  seed?: number;
}

/**
 * Draw problems with `draw` until `trainSize + testSize` distinct keys are found; the first
 * `trainSize` go to training, the rest are held out. Throws when the problem space is too small.
 */
export function disjointSplit<T>(
  draw: (rand: () => number) => { key: string; item: T },
  trainSize: number,
  testSize: number,
  seed: number,
): { train: T[]; test: T[] } {
  if (!Number.isInteger(trainSize) || trainSize < 0 || !Number.isInteger(testSize) || testSize < 0) {
    throw new Error(`disjointSplit: sizes must be non-negative integers, got trainSize ${trainSize}, testSize ${testSize}`);
  }
  const rand = seededRandom(seed);
  const seen = new Set<string>();
  const items: T[] = [];
  const want = trainSize + testSize;
  let attempts = 0;
  const maxAttempts = 50 * want + 1000;
  while (items.length < want) {
    if (++attempts > maxAttempts) {
      throw new Error(`disjointSplit: found only ${items.length} distinct problems in ${maxAttempts} draws, ${want} wanted: ask for fewer (or a larger problem space)`);
    }
    const { key, item } = draw(rand);
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return { train: items.slice(0, trainSize), test: items.slice(trainSize) };
}

/** The addition pair of `a + b` with `digits`-digit numbers, padded (exercise `addition_pair`). */
export function additionPair(a: number, b: number, digits: number): Seq2SeqPair {
  return { source: `${a}+${b}`.padEnd(2 * digits + 1, ' '), target: String(a + b).padEnd(digits + 1, ' ') };
}

/** Options of the addition task. */
export interface AdditionTaskOptions extends TaskSizes {
  /** Numbers have at most this many digits, drawn uniformly from 0 .. 10^digits − 1 (default 2). */
  digits?: number;
  /** Reverse the source string (Sutskever et al., 2014), as the Keras addition example does (default false). */
  reverseSource?: boolean;
}

/**
 * Addition of two numbers given as text: source "a+b", target the sum, both padded with spaces.
 * With `digits` digits there are (10^d)(10^d + 1)/2 unordered pairs: 5,050 for d = 2.
 */
export function additionTask(opts: AdditionTaskOptions = {}): Seq2SeqTask {
  const digits = opts.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 1 || digits > 7) throw new Error(`additionTask: digits must be 1..7, got ${digits}`);
  const top = 10 ** digits;
  const { train, test } = disjointSplit(
    (rand) => {
      const a = Math.floor(rand() * top);
      const b = Math.floor(rand() * top);
      const pair = additionPair(a, b, digits);
      if (opts.reverseSource) pair.source = [...pair.source].reverse().join('');
      return { key: `${Math.min(a, b)}+${Math.max(a, b)}`, item: pair };
    },
    opts.trainSize ?? 1000,
    opts.testSize ?? 200,
    opts.seed ?? 42,
  );
  return { name: `addition of ${digits}-digit numbers`, train, test, srcLen: 2 * digits + 1, tgtLen: digits + 1 };
}

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A calendar date (month 1..12, day 1..31). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The normalised form, ISO 8601: "2015-04-23". */
export function isoDate(d: CalendarDate): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

/**
 * The surface forms the date task writes, one function per format. All are unambiguous once the
 * format is known: "/" with the year first is year/month/day, "/" with the year last is the US
 * month/day/year, "." is the European day.month.year.
 */
export const DATE_FORMATS: Record<string, (d: CalendarDate) => string> = {
  'D Month YYYY': (d) => `${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`,
  'Month D, YYYY': (d) => `${MONTH_NAMES[d.month - 1]} ${d.day}, ${d.year}`,
  'D Mon YYYY': (d) => `${d.day} ${MONTH_NAMES[d.month - 1].slice(0, 3)} ${d.year}`,
  'Mon D, YYYY': (d) => `${MONTH_NAMES[d.month - 1].slice(0, 3)} ${d.day}, ${d.year}`,
  'DD.MM.YYYY': (d) => `${pad2(d.day)}.${pad2(d.month)}.${d.year}`,
  'YYYY/MM/DD': (d) => `${d.year}/${pad2(d.month)}/${pad2(d.day)}`,
  'M/D/YYYY': (d) => `${d.month}/${d.day}/${d.year}`,
  'Weekday, Month D, YYYY': (d) => `${WEEKDAY_NAMES[weekday(d)]}, ${MONTH_NAMES[d.month - 1]} ${d.day}, ${d.year}`,
};

/** Day of the week, 0 = Sunday (proleptic Gregorian calendar, computed in UTC). */
export function weekday(d: CalendarDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Options of the date task. */
export interface DateTaskOptions extends TaskSizes {
  /** First and last year, inclusive (default 1950 and 2049). */
  fromYear?: number;
  toYear?: number;
  /** Names of `DATE_FORMATS` to use (default all). */
  formats?: string[];
}

/** The longest source any format can produce (used as `srcLen`). */
function longestSource(formats: string[], fromYear: number, toYear: number): number {
  let n = 0;
  for (const f of formats) {
    for (let month = 1; month <= 12; month++) {
      for (const day of [1, 10, 28]) {
        for (const year of [fromYear, toYear]) {
          for (const wd of [0, 1, 2, 3, 4, 5, 6]) {
            // the weekday changes the length only through its name: try each one by shifting the day
            const d = { year, month, day: Math.min(28, day + wd) };
            n = Math.max(n, DATE_FORMATS[f](d).length);
          }
        }
      }
    }
  }
  return n;
}

/**
 * Date normalisation: a date written in one of `DATE_FORMATS` (drawn at random) → "YYYY-MM-DD".
 * Dates are drawn uniformly from `fromYear`-01-01 to `toYear`-12-31.
 */
export function dateTask(opts: DateTaskOptions = {}): Seq2SeqTask {
  const fromYear = opts.fromYear ?? 1950;
  const toYear = opts.toYear ?? 2049;
  const formats = opts.formats ?? Object.keys(DATE_FORMATS);
  for (const f of formats) {
    if (!(f in DATE_FORMATS)) throw new Error(`dateTask: unknown format '${f}'; known: ${Object.keys(DATE_FORMATS).join(', ')}`);
  }
  const start = Date.UTC(fromYear, 0, 1);
  const days = Math.round((Date.UTC(toYear, 11, 31) - start) / 86400000) + 1;
  const srcLen = longestSource(formats, fromYear, toYear);
  const { train, test } = disjointSplit(
    (rand) => {
      const t = new Date(start + Math.floor(rand() * days) * 86400000);
      const d = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
      const format = formats[Math.floor(rand() * formats.length)];
      const target = isoDate(d);
      return { key: target, item: { source: DATE_FORMATS[format](d).padEnd(srcLen, ' '), target } };
    },
    opts.trainSize ?? 1000,
    opts.testSize ?? 200,
    opts.seed ?? 42,
  );
  return { name: 'date normalisation', train, test, srcLen, tgtLen: 10 };
}
