/**
 * Checks of options at the library's API boundary. Each error names the function, the
 * option, the value it got and the values it allows, e.g.
 * `fetchDataset: timeoutMs must be an integer from 1 to 2147483647 (ms), got -5`.
 */

/** How a number is allowed to look. `min`/`max` are inclusive. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** Unit or note appended to the allowed range, e.g. `ms`. */
  unit?: string;
}

function describe(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  const { min, max } = rule;
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` >= ${min}`
        : max !== undefined
          ? ` <= ${max}`
          : '';
  return `${kind}${range}${rule.unit ? ` (${rule.unit})` : ''}`;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** `value` itself if it obeys `rule`; otherwise an error naming `where`, `name`, the value and the rule. */
export function checkNumber(where: string, name: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new RangeError(`${where}: ${name} must be ${describe(rule)}, got ${show(value)}`);
  return value as number;
}

/** Like `checkNumber`, but `undefined` gives `fallback`. */
export function optionalNumber(where: string, name: string, value: unknown, fallback: number, rule: NumberRule = {}): number {
  return value === undefined ? fallback : checkNumber(where, name, value, rule);
}

/** `value` if it is one of `allowed`; otherwise an error listing them. */
export function checkOneOf<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(`${where}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** The longest delay setTimeout accepts (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Token ids: integers from 0 (to `vocabSize - 1` when given). A fractional or NaN id would be
 * truncated silently by an int32 tensor; the error names the first bad one and its position.
 */
export function checkIds(where: string, name: string, ids: ArrayLike<number>, vocabSize?: number): void {
  if (ids == null || typeof (ids as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${where}: ${name} must be a list of token ids, got ${ids === null ? 'null' : typeof ids}`);
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!(typeof id === 'number' && Number.isInteger(id) && id >= 0 && (vocabSize === undefined || id < vocabSize))) {
      const range = vocabSize === undefined ? 'integers >= 0' : `integers from 0 to ${vocabSize - 1}`;
      throw new RangeError(`${where}: ${name}[${i}] is ${show(id)}; token ids must be ${range}`);
    }
  }
}

/** A clear error unless every number in `values` is finite; names the first bad one and its index. */
export function checkFiniteList(where: string, name: string, values: ArrayLike<number>): void {
  if (values == null || typeof values.length !== 'number') throw new TypeError(`${where}: ${name} must be a list of numbers, got ${values === null ? 'null' : typeof values}`);
  for (let i = 0; i < values.length; i++) {
    if (!(typeof values[i] === 'number' && Number.isFinite(values[i]))) {
      throw new RangeError(`${where}: ${name}[${i}] is ${show(values[i])}; expected finite numbers`);
    }
  }
}
