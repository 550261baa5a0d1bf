/**
 * Tables for notebooks: `showTable(rows)` where one would write `console.table(rows)` or
 * `df.print()`.
 *
 *   showTable(task.train.slice(0, 6));                  // rows as objects, like console.table
 *   showTable(df.head(5), { title: "Beijing weather" }); // a danfojs DataFrame or Series
 *   showTable({ rnn: { params: 1234 }, gru: { params: 3456 } });  // rows by name
 *
 * In a notebook the table is one output with two forms (a Jupyter MIME bundle, as pandas
 * does): `text/html`, a table that fits the cell and scrolls sideways inside its box when it
 * is wider, and `text/plain`, a box table for front ends without HTML (and for
 * `npm run repro`, which compares the plain text). The plain text never breaks a word: long
 * cells wrap between words inside their column, and a table wider than `width` characters
 * is cut into blocks of whole columns, each repeating the row labels. Outside a notebook
 * the plain text is printed.
 */
import { isTableLike, isTensorLike, readMatrix, showLabel } from './data';
import { displayTarget } from './display';

/** What `showTable` accepts. */
export type TableData =
  | ArrayLike<unknown> // rows: objects, arrays or single values
  | Record<string, unknown> // rows by name: objects or single values
  | { values: ArrayLike<unknown>; columns?: ArrayLike<unknown>; index?: ArrayLike<unknown> }; // danfojs

export interface TableOptions {
  /** A caption above the table. Default: none. */
  title?: string;
  /** Show the row labels (index) as the first column. Default: for danfojs objects and rows by name; not for arrays. */
  index?: boolean;
  /** Rows shown at most; the rest are counted below the table. Default 50. */
  maxRows?: number;
  /** Significant digits of non-integer numbers. Default 6. */
  digits?: number;
  /** Width of the plain-text form in characters (wider tables are cut into blocks of columns). Default 100. */
  width?: number;
}

/** A table read into strings: column names, row labels and cells. */
export interface TableCells {
  columns: string[];
  index: string[];
  rows: string[][];
  /** Columns whose cells are all numbers (right-aligned). */
  numeric: boolean[];
  /** Rows left out by `maxRows`. */
  hiddenRows: number;
  /** Whether the row labels are shown. */
  showIndex: boolean;
}

function formatCell(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
    return String(Number(v.toPrecision(digits)));
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return showLabel(v);
  if (typeof v === 'string') return v;
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<number>).join(', ')}]`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !(x instanceof Date);

/** Read any accepted input into strings. */
export function tableCells(data: TableData, opts: TableOptions = {}): TableCells {
  const digits = opts.digits ?? 6;
  let columns: unknown[];
  let index: unknown[];
  let raw: unknown[][];
  let labelled: boolean; // does the input carry meaningful row labels?
  if (isTensorLike(data)) {
    const m = readMatrix(data);
    raw = m.rows;
    columns = (raw[0] ?? []).map((_, j) => j);
    index = raw.map((_, i) => i);
    labelled = false;
  } else if (isTableLike(data)) {
    const vals = Array.from(data.values as ArrayLike<unknown>);
    const twoD = vals.length > 0 && typeof vals[0] === 'object' && vals[0] !== null && typeof (vals[0] as ArrayLike<unknown>).length === 'number';
    raw = twoD ? vals.map((r) => Array.from(r as ArrayLike<unknown>)) : vals.map((v) => [v]);
    const cols = data.columns !== undefined ? Array.from(data.columns as ArrayLike<unknown>) : [];
    columns = twoD ? cols : [cols.length === 1 ? cols[0] : 'value'];
    index = data.index !== undefined ? Array.from(data.index as ArrayLike<unknown>) : raw.map((_, i) => i);
    labelled = true;
  } else if (Array.isArray(data) || ArrayBuffer.isView(data)) {
    const items = Array.from(data as ArrayLike<unknown>);
    ({ columns, raw } = rowsOf(items));
    index = items.map((_, i) => i);
    labelled = false;
  } else if (isPlainObject(data)) {
    const entries = Object.entries(data);
    ({ columns, raw } = rowsOf(entries.map(([, v]) => v)));
    index = entries.map(([k]) => k);
    labelled = true;
  } else {
    throw new Error(`showTable: expected rows (an array), rows by name (an object), a danfojs DataFrame or Series, got ${typeof data}`);
  }
  const maxRows = Math.max(1, opts.maxRows ?? 50);
  const shown = raw.slice(0, maxRows);
  const rows = shown.map((r) => columns.map((_, j) => formatCell(r[j], digits)));
  const numeric = columns.map((_, j) => shown.length > 0
    && shown.every((r) => typeof r[j] === 'number' || r[j] === null || r[j] === undefined)
    && shown.some((r) => typeof r[j] === 'number'));
  return {
    columns: columns.map((c) => formatCell(c, digits)),
    index: index.slice(0, maxRows).map((i) => formatCell(i, digits)),
    rows,
    numeric,
    hiddenRows: raw.length - shown.length,
    showIndex: opts.index ?? labelled,
  };
}

/** Rows of objects, arrays or single values as columns and cells (like console.table). */
function rowsOf(items: unknown[]): { columns: unknown[]; raw: unknown[][] } {
  const keys: string[] = [];
  const seen = new Set<string>();
  let hasValues = false;
  for (const it of items) {
    if (isPlainObject(it) || Array.isArray(it)) {
      for (const k of Object.keys(it)) if (!seen.has(k)) { seen.add(k); keys.push(k); }
    } else {
      hasValues = true;
    }
  }
  const columns: unknown[] = hasValues ? [...keys, 'value'] : keys;
  const raw = items.map((it) => {
    if (isPlainObject(it) || Array.isArray(it)) {
      const rec = it as Record<string, unknown>;
      return [...keys.map((k) => rec[k]), ...(hasValues ? [undefined] : [])];
    }
    return [...keys.map(() => undefined), it];
  });
  return { columns, raw };
}

/** Texts up to this many characters are never wrapped in the HTML table. */
const SHORT_TEXT = 30;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The table as HTML: a `<div>` that scrolls sideways when the table is wider than the
 * output area, holding a compact table (numbers right-aligned, numbers and short texts on one
 * line; long texts wrap between words, never inside one).
 */
export function tableHtml(data: TableData, opts: TableOptions = {}): string {
  const t = tableCells(data, opts);
  const cell = 'padding:2px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top;';
  const th = (s: string, extra = '') => `<th style="${cell}text-align:left;font-weight:600;white-space:nowrap;${extra}">${escapeHtml(s)}</th>`;
  // Numbers and short texts stay on one line; a column with long texts wraps them between words,
  // at least 12em wide (so a narrow cell does not stack its words one per line), at most 32em.
  const wraps = t.columns.map((_, j) => !t.numeric[j] && t.rows.some((r) => r[j].length > SHORT_TEXT));
  const td = (s: string, j: number) => `<td style="${cell}${t.numeric[j]
    ? 'text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;'
    : wraps[j] ? 'text-align:left;min-width:12em;max-width:32em;overflow-wrap:normal;word-break:normal;'
      : 'text-align:left;white-space:nowrap;'}">${escapeHtml(s)}</td>`;
  const head = (t.showIndex ? th('') : '') + t.columns.map((c, j) => th(c, t.numeric[j] ? 'text-align:right;' : '')).join('');
  const body = t.rows.map((r, i) => '<tr>' + (t.showIndex ? th(t.index[i]) : '')
    + r.map((c, j) => td(c, j)).join('') + '</tr>').join('\n');
  const more = t.hiddenRows > 0
    ? `<div style="font-size:12px;color:#666;margin-top:2px;">… ${t.hiddenRows} more row${t.hiddenRows === 1 ? '' : 's'} (maxRows: ${t.rows.length})</div>` : '';
  const caption = opts.title ? `<div style="font-weight:600;margin-bottom:4px;">${escapeHtml(opts.title)}</div>` : '';
  return '<div class="seqmodels-table" style="max-width:100%;overflow-x:auto;font-size:13px;">'
    + caption
    + '<table style="border-collapse:collapse;margin:0;width:auto;table-layout:auto;">'
    + `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}</div>`;
}

/** Text split into lines of at most `width` characters between words (a longer word stays whole). */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ' ' + word;
      else { out.push(line); line = word; }
    }
    out.push(line);
  }
  return out;
}

/** Widest text cell before it wraps between words. */
const MAX_CELL_WIDTH = 40;

/**
 * The table as plain text: a box table whose lines are at most `width` characters (default
 * 100) when every single column fits: long cells wrap between words, and columns that do not
 * fit go to a further block, which repeats the row labels.
 */
export function tableText(data: TableData, opts: TableOptions = {}): string {
  const t = tableCells(data, opts);
  const width = opts.width ?? 100;
  // Columns as [header, ...cells], the row labels first when shown.
  const cols: Array<{ head: string; cells: string[]; right: boolean }> = [];
  if (t.showIndex) cols.push({ head: '', cells: t.index, right: false });
  t.columns.forEach((c, j) => cols.push({ head: c, cells: t.rows.map((r) => r[j]), right: t.numeric[j] }));
  const lines = cols.map((c) => [c.head, ...c.cells].map((s) => wrapWords(s, MAX_CELL_WIDTH)));
  const widths = lines.map((col) => Math.max(1, ...col.flat().map((l) => l.length)));
  // Blocks of columns that fit in `width` ("│ a │ b │": 3 characters per column and 1).
  const fixed = t.showIndex ? [0] : [];
  const rest = cols.map((_, k) => k).filter((k) => !fixed.includes(k));
  const blocks: number[][] = [];
  let current: number[] = [...fixed];
  const used = (ks: number[]) => 1 + ks.reduce((s, k) => s + widths[k] + 3, 0);
  for (const k of rest) {
    if (current.length > fixed.length && used([...current, k]) > width) {
      blocks.push(current);
      current = [...fixed];
    }
    current.push(k);
  }
  if (current.length > fixed.length || blocks.length === 0) blocks.push(current);
  const out: string[] = [];
  if (opts.title) out.push(opts.title);
  for (const ks of blocks) {
    const rule = (l: string, m: string, r: string) => l + ks.map((k) => '─'.repeat(widths[k] + 2)).join(m) + r;
    const row = (r: number) => {
      const height = Math.max(...ks.map((k) => lines[k][r].length));
      const rowLines: string[] = [];
      for (let h = 0; h < height; h++) {
        rowLines.push('│' + ks.map((k) => {
          const s = lines[k][r][h] ?? '';
          return ' ' + (cols[k].right ? s.padStart(widths[k]) : s.padEnd(widths[k])) + ' ';
        }).join('│') + '│');
      }
      return rowLines;
    };
    out.push(rule('┌', '┬', '┐'), ...row(0), rule('├', '┼', '┤'));
    for (let r = 1; r <= t.rows.length; r++) out.push(...row(r));
    out.push(rule('└', '┴', '┘'));
  }
  if (t.hiddenRows > 0) out.push(`… ${t.hiddenRows} more row${t.hiddenRows === 1 ? '' : 's'} (maxRows: ${t.rows.length})`);
  return out.join('\n') + '\n';
}

/**
 * Show a table: in a notebook as one output with an HTML and a plain-text form, elsewhere
 * printed as text. Returns nothing, so as a cell's last expression it prints nothing else.
 */
export function showTable(data: TableData, opts: TableOptions = {}): void {
  const target = displayTarget();
  if (!target) {
    process.stdout.write(tableText(data, opts));
    return;
  }
  const html = tableHtml(data, opts);
  if (target.mimeBundle) target.mimeBundle({ 'text/html': html, 'text/plain': tableText(data, opts) });
  else target.display.html(html);
}
