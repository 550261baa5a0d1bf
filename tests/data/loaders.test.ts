/**
 * Loaders return the documented shapes, sizes and date ranges, reading the
 * downloadable files from the data folder of the tests (COURSE_DATA_MIRROR, or the cache filled
 * from the canonical URLs: see helpers.ts), never downloading during a test, and the text
 * corpora from their npm packages.
 */
import type { DataFrame } from 'danfojs-node';
import {
  CharVocab,
  loadAirlinePassengers,
  loadBeijingWeather,
  loadMelbourneMinTemperatures,
  loadMobyDick,
  loadSeattleTemperatures,
  loadStateOfTheUnion,
  loadStocks,
  loadTinyShakespeare,
  loadUsBirths,
  Scaler,
  SeriesOptions,
  slidingWindows,
  splitByTime,
  tableFromFrame,
} from '../../lib/src/data';
import { datasetFolder, filesIn, tempDir } from './helpers';

const cache = tempDir();
// The loaders read the files in place from the tests' data folder (as from a mirror), with an
// empty cache of their own and no network.
const offline: SeriesOptions = { cacheDir: cache, download: false, onProgress: null };
beforeAll(async () => {
  offline.mirror = await datasetFolder();
}, 600_000);

const day = (iso: string) => new Date(`${iso}T00:00:00Z`).getTime();
const dates = (df: DataFrame) => (df.column('date').values as unknown as Date[]).map((d) => new Date(d).getTime());
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

// Each loader runs once; the detailed tests below reuse its frame.
const memo = new Map<unknown, Promise<DataFrame>>();
function once(load: (o: SeriesOptions) => Promise<DataFrame>): Promise<DataFrame> {
  if (!memo.has(load)) memo.set(load, load(offline));
  return memo.get(load)!;
}

type Case = [string, number, string[], string, string, number, (o: SeriesOptions) => Promise<DataFrame>];
// dataset | rows | columns | first date | last date | rows with a filled value | loader
const cases: Case[] = [
  ['Beijing weather', 43824,
    ['date', 'pm25', 'dewPoint', 'temperature', 'pressure', 'windSpeed', 'snowHours', 'rainHours', 'windDirection', 'filled'],
    '2010-01-01T00:00:00.000Z', '2014-12-31T23:00:00.000Z', 2067, loadBeijingWeather],
  ['Seattle temperatures', 24381,
    ['date', 'maxTemperature', 'meanTemperature', 'minTemperature', 'filled'],
    '1948-01-01T00:00:00.000Z', '2015-12-31T00:00:00.000Z', 5, loadSeattleTemperatures],
  ['Melbourne minimum temperatures', 3650,
    ['date', 'minTemperature', 'filled'], '1981-01-01T00:00:00.000Z', '1990-12-31T00:00:00.000Z', 0, loadMelbourneMinTemperatures],
  ['stocks', 2306,
    ['date', 'MSFT', 'IBM', 'SBUX', 'AAPL', 'GSPC', 'filled'], '2007-01-03T00:00:00.000Z', '2016-03-01T00:00:00.000Z', 0, loadStocks],
  ['airline passengers', 144,
    ['date', 'passengers', 'filled'], '1949-01-01T00:00:00.000Z', '1960-12-01T00:00:00.000Z', 0, loadAirlinePassengers],
  ['US births', 7305,
    ['date', 'births', 'dayOfWeek', 'filled'], '1969-01-01T00:00:00.000Z', '1988-12-31T00:00:00.000Z', 0, () => loadUsBirths()],
];

describe('time-series loaders', () => {
  test.each(cases)('%s: %i rows, columns %j, dates %s to %s, %i filled', async (_name, rows, columns, first, last, filled, load) => {
    const df = await once(load);
    expect(df.shape).toEqual([rows, columns.length]);
    expect(df.columns).toEqual(columns);
    expect(df.column('date').dtype).toBe('datetime');
    const t = dates(df);
    expect(new Date(t[0]).toISOString()).toBe(first);
    expect(new Date(t[t.length - 1]).toISOString()).toBe(last);
    expect(t.every((v, i) => i === 0 || v > t[i - 1])).toBe(true);
    expect(sum(df.column('filled').values as number[])).toBe(filled);
    expect([df.index[0], df.index[rows - 1]]).toEqual(
      first.endsWith('T00:00:00.000Z') && last.endsWith('T00:00:00.000Z')
        ? [first.slice(0, 10), last.slice(0, 10)]
        : [first.slice(0, 16).replace('T', ' '), last.slice(0, 16).replace('T', ' ')],
    );
    for (const c of columns.filter((c) => !['date', 'windDirection'].includes(c))) {
      expect((df.column(c).values as number[]).every(Number.isFinite)).toBe(true);
    }
  });

  test('no loader wrote into the cache (files come from the mirror)', () => {
    expect(filesIn(cache)).toEqual([]);
  });

  test('Beijing: hourly without a missing hour; four wind directions', async () => {
    const df = await once(loadBeijingWeather);
    const t = dates(df);
    expect(t.every((v, i) => i === 0 || v - t[i - 1] === 3600e3)).toBe(true);
    expect([...new Set(df.column('windDirection').values as string[])].sort()).toEqual(['NE', 'NW', 'SE', 'cv']);
  });

  test('fill "none" leaves the gaps: Seattle has 6 NA values', async () => {
    const df = await loadSeattleTemperatures({ ...offline, fill: 'none' });
    const nan = ['maxTemperature', 'meanTemperature', 'minTemperature'].map((c) => (df.column(c).values as number[]).filter(Number.isNaN).length);
    expect(sum(nan)).toBe(6);
    expect(sum(df.column('filled').values as number[])).toBe(0);
  });

  test('Seattle: US dates parsed as month/day; 2011 is absent; the NA of 2000-04-22 is interpolated in time', async () => {
    const df = await once(loadSeattleTemperatures);
    const t = dates(df);
    const i = t.indexOf(day('2000-04-22'));
    expect(i).toBeGreaterThan(0);
    expect(t).toContain(day('1948-01-13')); // written 1/13/1948
    expect(t.filter((v) => v >= day('2011-01-01') && v < day('2012-01-01'))).toHaveLength(0);
    const mean = df.column('meanTemperature').values as number[];
    const w = (t[i] - t[i - 1]) / (t[i + 1] - t[i - 1]);
    expect(mean[i]).toBeCloseTo(mean[i - 1] + w * (mean[i + 1] - mean[i - 1]), 6);
    expect((df.column('filled').values as number[])[i]).toBe(1);
  });

  test('Seattle end to end: split by time, scale on train, daily windows that skip the absent days', async () => {
    const table = tableFromFrame(await once(loadSeattleTemperatures), ['meanTemperature']);
    const parts = splitByTime(table, { train: 0.8, validation: 0.1 });
    const scaler = Scaler.fit(parts.train);
    const train = slidingWindows(scaler.transform(parts.train), { lookBack: 30, maxStepMs: 86400e3 });
    const all = slidingWindows(parts.train, { lookBack: 30 });
    expect(train.xShape[0]).toBeLessThan(all.xShape[0]);
    expect(train.xShape.slice(1)).toEqual([30, 1]);
    const dates = parts.train.dates!.map((d) => d.getTime());
    expect(train.starts.filter((s) => dates[s + 30] - dates[s] !== 30 * 86400e3)).toEqual([]);
  });

  test('airline passengers: first and last values; US births: 1969-01-01 was a Wednesday (3)', async () => {
    const air = await once(loadAirlinePassengers);
    const p = air.column('passengers').values as number[];
    expect([p[0], p[143]]).toEqual([112, 432]);
    const births = await loadUsBirths();
    expect((births.column('dayOfWeek').values as number[])[0]).toBe(3);
    expect((births.column('births').values as number[])[0]).toBe(8486);
  });
});

describe('text corpora', () => {
  test('tiny Shakespeare: 1,115,394 characters, 65 distinct, starts with "First Citizen:"', async () => {
    const c = await loadTinyShakespeare(offline);
    expect(c.text).toHaveLength(1115394);
    expect(c.text.startsWith('First Citizen:\n')).toBe(true);
    expect(CharVocab.fromText(c.text).vocabSize).toBe(65);
  });

  test('Moby Dick: 139 sections from the contents to the epilogue', async () => {
    const c = await loadMobyDick();
    expect(c.documents).toHaveLength(139);
    expect(c.documents[0].title).toBe('Contents');
    expect(c.documents[3].title).toBe('1. Loomings.');
    expect(c.documents[138].title.startsWith('Epilogue')).toBe(true);
    expect(c.text.length).toBeGreaterThan(1_200_000);
  });

  test('State of the Union: 233 addresses 1790-2021; a year range selects', async () => {
    const all = await loadStateOfTheUnion();
    expect(all.documents).toHaveLength(233);
    expect(all.documents[0]).toMatchObject({ year: 1790, name: 'George Washington' });
    expect(all.documents[232].year).toBe(2021);
    const some = await loadStateOfTheUnion({ fromYear: 1861, toYear: 1864 });
    expect(some.documents.map((d) => d.year)).toEqual([1861, 1862, 1863, 1864]);
    expect(some.documents.every((d) => d.name === 'Abraham Lincoln')).toBe(true);
  });
});
