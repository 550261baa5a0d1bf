/**
 * Date parsing for the course's CSV files. Every date becomes a `Date` at UTC
 * midnight (or the given UTC hour) of the calendar day written in the file, so
 * no time zone of the machine ever shifts a day.
 */
import { CsvError } from './errors';
import { columnIndex, CsvTable } from './csv';

/** `iso`: 2016-03-01; `us`: 3/1/2016 (month/day/year); `month`: 1949-01 (first of the month). */
export type DateFormat = 'iso' | 'us' | 'month';

const PATTERNS: Record<DateFormat, RegExp> = {
  iso: /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  us: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  month: /^(\d{4})-(\d{1,2})$/,
};

/** A UTC date from its parts, or undefined if the parts are not a real calendar date. */
export function utcDate(year: number, month: number, day: number, hour = 0): Date | undefined {
  const d = new Date(Date.UTC(year, month - 1, day, hour));
  const ok = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour >= 0 && hour < 24;
  return ok ? d : undefined;
}

/** Parse one date written in `format`; undefined if it does not parse. */
export function parseDate(text: string, format: DateFormat): Date | undefined {
  const m = PATTERNS[format].exec(text.trim());
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  if (format === 'iso') return utcDate(n[0], n[1], n[2]);
  if (format === 'us') return utcDate(n[2], n[0], n[1]);
  return utcDate(n[0], n[1], 1);
}

const EXAMPLES: Record<DateFormat, string> = { iso: 'YYYY-MM-DD', us: 'M/D/YYYY', month: 'YYYY-MM' };

/** A date column; an unparseable cell is an error naming file, line, column and the format. */
export function dateColumn(table: CsvTable, name: string, format: DateFormat): Date[] {
  const j = columnIndex(table, name);
  return table.rows.map((row, k) => {
    const d = parseDate(row[j], format);
    if (!d) {
      throw new CsvError(table.file, table.lines[k], `column "${name}": ${JSON.stringify(row[j])} is not a date of the form ${EXAMPLES[format]}`);
    }
    return d;
  });
}

/** Throw (naming the file and line) unless the dates strictly increase. */
export function checkIncreasing(table: CsvTable, dates: Date[]): void {
  for (let k = 1; k < dates.length; k++) {
    if (dates[k].getTime() <= dates[k - 1].getTime()) {
      throw new CsvError(table.file, table.lines[k], `date ${dates[k].toISOString().slice(0, 10)} does not come after the previous row's`);
    }
  }
}
