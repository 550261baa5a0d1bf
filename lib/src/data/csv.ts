/**
 * A small CSV parser (RFC 4180: quoted fields, doubled quotes, CRLF) that fails
 * loudly: every error names the file and the 1-based line of the bad row.
 * Pure: takes the text, never touches the disk.
 */
import { CsvError } from './errors';

/** A parsed CSV: the header, the rows as strings, and the line each row starts on. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based line number in the file of each row (for error messages). */
  lines: number[];
}

/**
 * Parse CSV text. `file` only labels errors. Blank lines are skipped. Errors: an
 * empty file, a header without rows, a row whose field count differs from the
 * header's, an unterminated quote.
 */
export function parseCsv(text: string, file = '<csv>'): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  if (text.trim() === '') throw new CsvError(file, undefined, 'the file is empty (expected a header line and data rows)');
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let blank = true; // current record has no character yet
  const endRecord = () => {
    if (!(blank && fields.length === 0 && field === '')) {
      fields.push(field);
      records.push({ fields, line: startLine });
    }
    fields = [];
    field = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    if (!quoted && blank && fields.length === 0) {
      // Fast path: a whole line without quotes or carriage returns inside is split on commas.
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? text.length : eol;
      let lineText = text.slice(i, end);
      if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
      if (!lineText.includes('"') && !lineText.includes('\r')) {
        if (lineText !== '') records.push({ fields: lineText.split(','), line });
        line++;
        i = end;
        continue;
      }
    }
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (blank) startLine = line;
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      blank = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      blank = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      field += ch;
      blank = false;
    }
  }
  if (quoted) throw new CsvError(file, quoteLine, 'a quoted field is never closed (missing ")');
  endRecord();
  const [head, ...rest] = records;
  const header = head.fields.map((h) => h.trim());
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

/**
 * A numeric column. Cells listed in `missing` (default `NA` and empty) become NaN;
 * anything else that is not a number is an error naming file, line and column.
 */
export function numberColumn(table: CsvTable, name: string, missing: string[] = ['NA', '']): number[] {
  const j = columnIndex(table, name);
  return table.rows.map((row, k) => {
    const cell = row[j].trim();
    if (missing.includes(cell)) return NaN;
    const v = Number(cell);
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
