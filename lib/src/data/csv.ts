/**
 * CSV files of the course, parsed by papaparse (RFC 4180: quoted fields, doubled quotes, CRLF),
 * with the checks a loader needs on top: every error names the file and the 1-based line of
 * the bad row. A malformed quote (`"x"y`, an unclosed `"`) is an error, not a guess; so are
 * a duplicate or empty column name and a row whose field count differs from the header's.
 * Numbers are plain decimals (`0x10`, `1_000` or `Infinity` are not numbers here).
 * Pure: takes the text, never touches the disk.
 */
import Papa from 'papaparse';
import { CsvError } from './errors';

/** A parsed CSV: the header, the rows as strings, and the line each row starts on. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based line number in the file of each row (for error messages). */
  lines: number[];
}

/** 1-based line of character `pos`, counting from a known (pos, line) pair forward. */
function lineCounter(text: string): (pos: number) => number {
  let at = 0;
  let line = 1;
  return (pos) => {
    for (; at < pos; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

/**
 * Parse CSV text. `file` only labels errors. Blank lines are skipped. Errors: an empty file, a
 * header without rows, an empty or repeated column name, a row whose field count differs from
 * the header's, a malformed or unterminated quote.
 */
export function parseCsv(text: string, file = '<csv>'): CsvTable {
  if (typeof text !== 'string') throw new CsvError(file, undefined, `expected the text of a CSV file, got ${typeof text}`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  if (text.trim() === '') throw new CsvError(file, undefined, 'the file is empty (expected a header line and data rows)');
  const records: { fields: string[]; line: number }[] = [];
  const lineAt = lineCounter(text);
  let start = 0; // where the current record begins
  let failure: CsvError | undefined;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: true,
    step: (row, parser) => {
      // Leading line breaks of skipped blank lines belong to no record.
      while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
      const line = lineAt(start);
      const bad = row.errors[0];
      if (bad) {
        const what =
          bad.code === 'MissingQuotes'
            ? 'a quoted field is never closed (missing ")'
            : bad.code === 'InvalidQuotes'
              ? 'a quoted field is followed by other characters before the next comma (write "" for a quote inside quotes)'
              : bad.message;
        failure = new CsvError(file, line, what);
        parser.abort();
        return;
      }
      records.push({ fields: row.data, line });
      start = row.meta.cursor;
    },
  });
  if (failure) throw failure;
  if (records.length === 0) throw new CsvError(file, undefined, 'the file is empty (expected a header line and data rows)');
  const [head, ...rest] = records;
  const header = head.fields.map((h) => h.trim());
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (h === '') throw new CsvError(file, head.line, `column ${j + 1} of the header has no name`);
    if (seen.has(h)) throw new CsvError(file, head.line, `the column name "${h}" appears twice (columns ${seen.get(h)! + 1} and ${j + 1})`);
    seen.set(h, j);
  });
  if (rest.length === 0) {
    throw new CsvError(file, head.line, `the file has only a header (${header.join(', ')}) and no data rows`);
  }
  for (const r of rest) {
    if (r.fields.length !== header.length) {
      throw new CsvError(
        file,
        r.line,
        `expected ${header.length} fields (${header.join(', ')}) but found ${r.fields.length}: ${JSON.stringify(r.fields.join(','))}`,
      );
    }
  }
  return { file, header, rows: rest.map((r) => r.fields), lines: rest.map((r) => r.line) };
}

/** Index of a column by name; the error lists the columns the file has. */
export function columnIndex(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new CsvError(table.file, 1, `no column "${name}"; the header has ${table.header.join(', ')}`);
  return i;
}

/** A plain decimal number: `12`, `-0.5`, `.5`, `3.`, `1e-3`; not `0x10`, `0b1`, `1_000`, `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A numeric column. Cells listed in `missing` (default `NA` and empty) become NaN;
 * anything else that is not a plain decimal number is an error naming file, line and column.
 */
export function numberColumn(table: CsvTable, name: string, missing: string[] = ['NA', '']): number[] {
  const j = columnIndex(table, name);
  return table.rows.map((row, k) => {
    const cell = row[j].trim();
    if (missing.includes(cell)) return NaN;
    const v = DECIMAL.test(cell) ? Number(cell) : NaN;
    if (!Number.isFinite(v)) {
      throw new CsvError(table.file, table.lines[k], `column "${name}": ${JSON.stringify(row[j])} is not a number`);
    }
    return v;
  });
}

/** A text column, as is. */
export function stringColumn(table: CsvTable, name: string): string[] {
  const j = columnIndex(table, name);
  return table.rows.map((row) => row[j]);
}
