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
