/** The course's environment switches, read in one place. */
import * as path from 'path';

/**
 * The one reading of a `COURSE_FAST` value, shared by the library and the scripts
 * (`require("seqmodels/env")`): unset, empty, "0", "false", "no" (any case, spaces ignored)
 * mean full mode; anything else means fast mode.
 */
export function parseCourseFast(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false' && v !== 'no';
}

/** `COURSE_FAST=1`: notebooks shrink data and epochs (what CI runs). */
export function isFast(): boolean {
  return parseCourseFast(process.env.COURSE_FAST);
}

/** Pick the fast-mode or full-mode value of a setting: `pick({ fast: 1, full: 20 })`. */
export function pick<T>(values: { fast: T; full: T }): T {
  return isFast() ? values.fast : values.full;
}

/** `COURSE_DATA_MIRROR=DIR`: a folder holding verified copies of the downloadable datasets. */
export function dataMirror(): string | undefined {
  const v = process.env.COURSE_DATA_MIRROR;
  return v && v.trim() !== '' ? path.resolve(v) : undefined;
}

/** The repository root (the folder with the course's package.json), found from this file. */
export function repoRoot(): string {
  // lib/dist/env.js or lib/src/env.ts -> two levels up
  return path.resolve(__dirname, '..', '..');
}
