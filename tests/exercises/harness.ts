/**
 * Grading harness for the exercises in `exercises/NN_unit/<name>.ts`.
 *
 * A grader is a table of cases for one exercise. Each case holds the arguments passed to the
 * learner's function, the expected result (from a tiny fixture that can be checked by hand; the
 * formula is written next to it), a tolerance and a hint. `runGrader(grader, impl)` calls the
 * implementation on every case and returns one `Failure` per failing case, with a message that
 * tells the learner the input, what was expected, what came back and the hint.
 *
 * Every exercise is a pure function: the harness checks, after each call, that the arguments are
 * unchanged and that the result shares no array or object with them (nor one row with another),
 * and names the argument or the rows involved. A learner who sorts, reverses or writes into an input
 * in place, or returns the caller's own rows, fails with a hint about that, not about the values.
 *
 * Each grader also lists the learner mistakes it is known to catch. For every listed mistake a
 * mistaken variant lives in `tests/exercises/mistakes/NN_unit/<name>.ts`, and the meta-tests
 * (`tests/exercises/graders.test.ts`) check that the grader rejects it and that its first failing
 * case (the one `npm run grade` shows) contains `mistake.hint`; correct solutions written other ways
 * live in `tests/exercises/alternatives/` and must pass. Order the cases so that each mistake meets
 * first a case whose hint is about it, and split a case that can fail for several reasons.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFn = (...args: any[]) => any;

/** An expected value: for an object result, a subset of its keys. */
export type Expected<R> = R extends unknown[] ? R : R extends object ? Partial<R> : R;

export interface Case<A extends unknown[] = unknown[], R = unknown> {
  /** Short label, shown in the grade report and used as the jest test title. */
  name: string;
  /** Arguments passed to the learner's function, in order. Cloned before every call. */
  args: A;
  /** The expected return value; for an object result, keys left out are not checked. */
  expected: Expected<R>;
  /** Numbers match when |got − expected| ≤ tol · (1 + |expected|). Default 1e-6. */
  tol?: number;
  /** What to check when this case fails. */
  hint: string;
  /** Replaces the printed input when the arguments do not print well (functions). */
  input?: string;
}

export interface Mistake {
  /** Identifier; also the export name of the mistaken variant. */
  id: string;
  /** The mistake, in the words of the README. */
  description: string;
  /** A phrase the first failure message must contain when the grader rejects this mistake. */
  hint: string;
}

export interface Grader<F extends AnyFn = AnyFn> {
  /** Unit folder, e.g. `01_rnn`. */
  unit: string;
  /** File name without `.ts`, e.g. `rnn_step`. */
  name: string;
  /** The function the exercise file exports, e.g. `rnnStep`. */
  exportName: string;
  /** One line: what the exercise asks. */
  title: string;
  /** Names of the arguments, used to print the input of a failing case. */
  argNames: string[];
  cases: Case<Parameters<F>, ReturnType<F>>[];
  mistakes: Mistake[];
}

/** Typed constructor: cases are checked against the signature of the exercise's function. */
export function defineGrader<F extends AnyFn>(g: Grader<F>): Grader {
  return g as unknown as Grader;
}

export interface Failure {
  caseName: string;
  message: string;
}

const DEFAULT_TOL = 1e-6;

/** Deep copy that keeps functions (structuredClone would reject them). */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((e) => clone(e)) as unknown as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) out[k] = clone(e);
    return out as T;
  }
  return v;
}

function fmtNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

/** Compact, JSON-like printing with 6 significant digits; long values are cut. */
export function show(v: unknown, max = 400): string {
  const s = showFull(v);
  return s.length > max ? `${s.slice(0, max)} …` : s;
}

function showFull(v: unknown): string {
  if (typeof v === 'number') return fmtNumber(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(showFull).join(', ')}]`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v as unknown as ArrayLike<number>).map(fmtNumber).join(', ')}]`;
  if (typeof v === 'object') {
    return `{ ${Object.entries(v as Record<string, unknown>).map(([k, e]) => `${k}: ${showFull(e)}`).join(', ')} }`;
  }
  return String(v);
}

/**
 * Compares `got` with `expected`; returns undefined when they match, otherwise where and how they
 * first differ (`at h[0][1]: expected 0.29, got 0.5`).
 */
export function firstDifference(got: unknown, expected: unknown, tol: number, path = ''): string | undefined {
  const at = path === '' ? 'the result' : path;
  if (typeof expected === 'number') {
    if (typeof got !== 'number') return `at ${at}: expected the number ${fmtNumber(expected)}, got ${show(got, 80)}`;
    if (Number.isNaN(expected) && Number.isNaN(got)) return undefined;
    if (got === expected) return undefined;
    if (Number.isNaN(got)) return `at ${at}: expected ${fmtNumber(expected)}, got NaN`;
    if (Number.isFinite(expected) && Number.isFinite(got) && Math.abs(got - expected) <= tol * (1 + Math.abs(expected))) return undefined;
    return `at ${at}: expected ${fmtNumber(expected)}, got ${fmtNumber(got)}`;
  }
  if (typeof expected === 'string' || typeof expected === 'boolean' || expected === null || expected === undefined) {
    return got === expected ? undefined : `at ${at}: expected ${show(expected, 80)}, got ${show(got, 80)}`;
  }
  if (Array.isArray(expected)) {
    const arr = Array.isArray(got) ? got : ArrayBuffer.isView(got) ? Array.from(got as unknown as ArrayLike<number>) : undefined;
    if (!arr) return `at ${at}: expected an array of length ${expected.length}, got ${show(got, 80)}`;
    if (arr.length !== expected.length) return `at ${at}: expected length ${expected.length}, got length ${arr.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(arr[i], expected[i], tol, `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof expected === 'object') {
    if (got === null || typeof got !== 'object') return `at ${at}: expected an object with keys ${Object.keys(expected).join(', ')}, got ${show(got, 80)}`;
    for (const k of Object.keys(expected as Record<string, unknown>)) {
      const d = firstDifference((got as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], tol, path === '' ? k : `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return got === expected ? undefined : `at ${at}: expected ${show(expected, 80)}, got ${show(got, 80)}`;
}

/** Every array and object reachable from `v` (functions excluded), with its path. */
function objectsOf(v: unknown, path: string, out: Map<object, string>): Map<object, string> {
  if (v === null || typeof v !== 'object') return out;
  if (!out.has(v)) out.set(v, path);
  if (ArrayBuffer.isView(v)) return out;
  if (Array.isArray(v)) v.forEach((e, i) => objectsOf(e, `${path}[${i}]`, out));
  else for (const [k, e] of Object.entries(v as Record<string, unknown>)) objectsOf(e, path === '' ? k : `${path}.${k}`, out);
  return out;
}

/** How `after` differs from `before` (an argument the call modified), or undefined. */
export function modification(before: unknown, after: unknown, name: string): string | undefined {
  const d = firstDifference(after, before, 0, name);
  return d?.replace(/expected /g, 'was ').replace(/, got /, ', now ');
}

/**
 * Where the result reuses an array or object: one that belongs to an argument, or one that appears
 * twice in the result (two rows that are the same array). Undefined when every array is new.
 */
export function sharing(result: unknown, args: unknown[], argNames: string[]): { kind: 'input' | 'rows'; text: string; argName?: string } | undefined {
  const inputs = new Map<object, string>();
  args.forEach((a, i) => objectsOf(a, argNames[i] ?? `argument ${i + 1}`, inputs));
  const seen = new Map<object, string>();
  const walk = (v: unknown, path: string): ReturnType<typeof sharing> => {
    if (v === null || typeof v !== 'object') return undefined;
    const at = path === '' ? 'the result' : `result${path.startsWith('[') ? '' : '.'}${path}`;
    const owner = inputs.get(v);
    if (owner !== undefined) return { kind: 'input', text: `${at} is ${owner} itself, the caller's own array`, argName: owner.replace(/[[.].*$/, '') };
    const before = seen.get(v);
    if (before !== undefined) return { kind: 'rows', text: `${before} and ${at} are the same array` };
    seen.set(v, at);
    if (ArrayBuffer.isView(v)) return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { const r = walk(v[i], `${path}[${i}]`); if (r) return r; }
    } else {
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) { const r = walk(e, path === '' ? k : `${path}.${k}`); if (r) return r; }
    }
    return undefined;
  };
  return walk(result, '');
}

/** The hint of a failure caused by modifying an argument. */
export const hintModified = (name: string) =>
  `Do not modify the argument \`${name}\`: the caller still needs it (and a later step or case may read it). ` +
  'Work on copies (slice(), map(), [...a]) instead of sorting, reversing, pushing into or writing over an input in place.';
/** The hint of a failure caused by returning an argument's own array. */
export const hintAliased = (name: string) =>
  `Return new arrays: the result must not contain the caller's own arrays, or changing the result later changes \`${name}\` too. ` +
  'Copy a row with slice() or [...row] when you return it unchanged.';
/** The hint of a failure caused by one array appearing twice in the result. */
export const HINT_SHARED_ROWS =
  'Each row of the result must be its own array: rows that are the same array change together. ' +
  'new Array(n).fill(row) or pushing one array again and again does this; build each row with Array.from({ length: n }, () => …) or copy it.';

/** Runs one case; returns undefined when it passes. */
export function runCase(g: Grader, c: Case, impl: unknown): Failure | undefined {
  const input = c.input ?? g.argNames.map((n, i) => `${n} = ${show(c.args[i], 200)}`).join(', ');
  const head = `${g.name} — case "${c.name}"\n  input:    ${input}\n  expected: ${show(c.expected)}\n`;
  if (typeof impl !== 'function') {
    return {
      caseName: c.name,
      message: `${head}  received: nothing to call: exercises/${g.unit}/${g.name}.ts must export a function named \`${g.exportName}\`\n  hint: ${c.hint}`,
    };
  }
  let got: unknown;
  const args = clone(c.args);
  try {
    got = impl(...args);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const todo = msg.startsWith('not implemented')
      ? `\n  (the exercise is still the stub: replace the TODO in exercises/${g.unit}/${g.name}.ts)`
      : '';
    return { caseName: c.name, message: `${head}  received: an exception: ${msg}${todo}\n  hint: ${c.hint}` };
  }
  const d = firstDifference(got, c.expected, c.tol ?? DEFAULT_TOL);
  const valueLine = d ? `  first difference ${d}\n` : '';
  // The arguments come first: an input modified in place is often why the values are wrong too.
  for (let i = 0; i < c.args.length; i++) {
    const name = g.argNames[i] ?? `argument ${i + 1}`;
    const m = modification(c.args[i], args[i], name);
    if (m) {
      return {
        caseName: c.name,
        message: `${head}  received: ${show(got)}\n${valueLine}  the call modified its argument \`${name}\`: ${m}\n  hint: ${hintModified(name)}`,
      };
    }
  }
  const s = sharing(got, args, g.argNames);
  if (s) {
    return {
      caseName: c.name,
      message: `${head}  received: ${show(got)}\n${valueLine}  ${s.text}\n  hint: ${s.kind === 'input' ? hintAliased(s.argName ?? 'the input') : HINT_SHARED_ROWS}`,
    };
  }
  if (!d) return undefined;
  return { caseName: c.name, message: `${head}  received: ${show(got)}\n  first difference ${d}\n  hint: ${c.hint}` };
}

/** Runs every case of a grader; returns the failures (empty when the implementation passes). */
export function runGrader(g: Grader, impl: unknown): Failure[] {
  const out: Failure[] = [];
  for (const c of g.cases) {
    const f = runCase(g, c, impl);
    if (f) out.push(f);
  }
  return out;
}
