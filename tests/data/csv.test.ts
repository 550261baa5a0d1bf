/** CSV and date parsing: clear errors that name the file and the line. */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  CsvError,
  dateColumn,
  findEntry,
  loadMelbourneMinTemperatures,
  numberColumn,
  parseCsv,
  parseDate,
  readRegistry,
} from '../../lib/src/data';
import { repoRoot, tempDir } from './helpers';

describe('parseCsv', () => {
  test('quoted fields, doubled quotes, CRLF, BOM, blank lines', () => {
    const t = parseCsv('\ufeff"Date","Note"\r\n"2020-01-01","a, ""b"""\r\n\r\n2020-01-02,plain\r\n', 'notes.csv');
    expect(t.header).toEqual(['Date', 'Note']);
    expect(t.rows).toEqual([['2020-01-01', 'a, "b"'], ['2020-01-02', 'plain']]);
    expect(t.lines).toEqual([2, 4]);
  });

  test('a quoted field may span lines; the next row keeps its true line number', () => {
    const t = parseCsv('a,b\n"x\ny",1\nz,2\n', 'f.csv');
    expect(t.rows).toEqual([['x\ny', '1'], ['z', '2']]);
    expect(t.lines).toEqual([2, 4]);
  });

  test.each([
    ['empty file', '', 'empty.csv: the file is empty'],
    ['only whitespace', '\n  \n', 'blank.csv: the file is empty'],
    ['only a header', 'Date,Temp\n', 'header.csv, line 1: the file has only a header (Date, Temp) and no data rows'],
    ['a row with too few fields', 'Date,Temp\n1981-01-01,20.7\n1981-01-02\n', 'short.csv, line 3: expected 2 fields (Date, Temp) but found 1'],
    ['a row with too many fields', 'Date,Temp\n1981-01-01,20.7,9\n', 'long.csv, line 2: expected 2 fields (Date, Temp) but found 3'],
    ['an unterminated quote', 'Date,Temp\n"1981-01-01,20.7\n', 'quote.csv, line 2: a quoted field is never closed'],
  ])('%s', (_case, text, message) => {
    const file = message.split(/[:,]/)[0];
    let err: unknown;
    try {
      parseCsv(text, file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect((err as Error).message).toContain(message);
  });
});

describe('typed columns', () => {
  const t = parseCsv('Date,Temp\n1981-01-01,20.7\n1981-01-02,NA\n1981-01-03,warm\n', 'temps.csv');

  test('a non-number names the file, line, column and cell', () => {
    expect(() => numberColumn(t, 'Temp')).toThrow('temps.csv, line 4: column "Temp": "warm" is not a number');
  });

  test('NA becomes NaN', () => {
    expect(numberColumn(parseCsv('a\n1\nNA\n', 'x.csv'), 'a')).toEqual([1, NaN]);
  });

  test('an unknown column lists the header', () => {
    expect(() => numberColumn(t, 'temp')).toThrow('temps.csv, line 1: no column "temp"; the header has Date, Temp');
  });

  test.each([
    ['1981-02-30', 'iso', 'line 3: column "Date": "1981-02-30" is not a date of the form YYYY-MM-DD'],
    ['13/1/1948', 'us', 'line 3: column "Date": "13/1/1948" is not a date of the form M/D/YYYY'],
    ['yesterday', 'iso', 'line 3: column "Date": "yesterday" is not a date'],
  ] as const)('unparseable date %s (%s)', (bad, format, message) => {
    const ok = format === 'us' ? '1/1/1948' : '1981-01-01';
    const table = parseCsv(`Date,v\n${ok},1\n${bad},2\n`, 'dates.csv');
    expect(() => dateColumn(table, 'Date', format)).toThrow(`dates.csv, ${message}`);
  });

  test.each([
    ['2016-03-01', 'iso', '2016-03-01'],
    ['3/1/2016', 'us', '2016-03-01'],
    ['12/31/2015', 'us', '2015-12-31'],
    ['1949-01', 'month', '1949-01-01'],
    ['2016-02-29', 'iso', '2016-02-29'],
  ] as const)('parseDate(%s, %s) is %s at UTC midnight', (text, format, iso) => {
    expect(parseDate(text, format)?.toISOString()).toBe(`${iso}T00:00:00.000Z`);
  });
});

describe('through a loader: the error names the real file and line', () => {
  const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

  /** Load Melbourne from a mirror holding `text`, registered with its own checksum. */
  async function loadFrom(text: string): Promise<unknown> {
    const dir = tempDir('seqmodels-badmirror-');
    const file = path.join(dir, 'melbourne-daily-min-temperatures.csv');
    fs.writeFileSync(file, text);
    const entry = findEntry(readRegistry(path.join(repoRoot, 'datasets', 'registry.json')), 'melbourne-min-temperature');
    const registry = { datasets: [{ ...entry, bytes: Buffer.byteLength(text), sha256: sha256(text) }] };
    return loadMelbourneMinTemperatures({ registry, mirror: dir, cacheDir: tempDir(), download: false }).then(
      () => 'loaded',
      (e: Error) => e.message.replace(file, '<file>'),
    );
  }

  test.each([
    ['an unparseable date', '"Date","Temp"\n"1981-01-01",20.7\n"1981-13-01",17.9\n', '<file>, line 3: column "Date": "1981-13-01" is not a date of the form YYYY-MM-DD'],
    ['a malformed row', '"Date","Temp"\n"1981-01-01",20.7\n"1981-01-02"\n', '<file>, line 3: expected 2 fields (Date, Temp) but found 1'],
    ['dates out of order', '"Date","Temp"\n"1981-01-02",20.7\n"1981-01-01",17.9\n', '<file>, line 3: date 1981-01-01 does not come after the previous row\'s'],
    ['only a header', '"Date","Temp"\n', '<file>, line 1: the file has only a header (Date, Temp) and no data rows'],
    ['an empty file', '', '<file>: the file is empty'],
  ])('%s', async (_case, text, message) => {
    expect(await loadFrom(text)).toContain(message);
  });
});
