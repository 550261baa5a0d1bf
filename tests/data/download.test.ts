/**
 * The download layer against a real HTTP server on 127.0.0.1 that serves the
 * dataset files (from the tests' data folder, see helpers.ts), well and badly. After every failure the cache folder must hold
 * no file at all (no .part, no corrupt copy).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  cacheDir,
  DatasetEntry,
  DatasetUnavailableError,
  DownloadProgress,
  downloadProgressReporter,
  fetchDataset,
  findEntry,
  formatDownloadProgress,
  readRegistry,
} from '../../lib/src/data';
import { datasetFolder, filesIn, repoRoot, tempDir } from './helpers';

const registry = readRegistry(path.join(repoRoot, 'datasets', 'registry.json'));
const hits = new Map<string, number>();

// Routes: /files/F, /redirect/F, /corrupt/F (one byte changed), /truncated/F (half the
// body, then the socket is destroyed), /stall-body/F (headers and a few bytes, then
// nothing), /stall-headers/F (no answer), /flaky/F (503 twice, then the file),
// /chunked/F (no Content-Length), anything else 404.
const server = http.createServer((req, res) => {
  const [, route, name] = (req.url ?? '').split('/');
  hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
  const file = path.join(mirror, name ?? '');
  if (!name || !fs.existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  const body = fs.readFileSync(file);
  const headers = { 'content-length': String(body.length) };
  switch (route) {
    case 'files':
      res.writeHead(200, headers).end(body);
      break;
    case 'loop':
      res.writeHead(301, { location: `/loop/${name}` }).end();
      break;
    case 'redirect':
      res.writeHead(302, { location: `/files/${name}` }).end();
      break;
    case 'corrupt': {
      const bad = Buffer.from(body);
      bad[10] ^= 0xff;
      res.writeHead(200, headers).end(bad);
      break;
    }
    case 'truncated':
      res.writeHead(200, headers);
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      break;
    case 'stall-body':
      res.writeHead(200, headers);
      res.write(body.subarray(0, 100));
      break;
    case 'stall-headers':
      break;
    case 'flaky':
      if ((hits.get(req.url ?? '') ?? 0) <= 2) res.writeHead(503).end('busy');
      else res.writeHead(200, headers).end(body);
      break;
    case 'chunked':
      res.writeHead(200);
      res.write(body.subarray(0, 1000));
      res.end(body.subarray(1000));
      break;
    default:
      res.writeHead(404).end('not found');
  }
});
let base = '';
/** The tests' data folder: every downloadable file, verified (COURSE_DATA_MIRROR or the cache). */
let mirror = '';

beforeAll(async () => {
  mirror = await datasetFolder();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 600_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** The registry entry of `name`, served from route `route` of the test server. */
function served(name: string, route: string): DatasetEntry {
  const e = findEntry(registry, name);
  return { ...e, url: `${base}/${route}/${e.file}` };
}

// Generous timeout for transfers that should succeed (the machine may be busy);
// the stall cases below set a short one.
const quick = { mirror: null, onProgress: null, retries: 0, backoffMs: 10, timeoutMs: 10_000 } as const;

describe('download: success', () => {
  test('downloads, reports progress (bytes, total, rate), verifies and caches', async () => {
    const cache = tempDir();
    const events: DownloadProgress[] = [];
    const entry = served('tinyshakespeare', 'files');
    const file = await fetchDataset(entry, { ...quick, cacheDir: cache, onProgress: (p) => events.push({ ...p }) });
    expect(file).toBe(path.join(cache, 'tinyshakespeare.txt'));
    expect(fs.statSync(file).size).toBe(1115394);
    expect(filesIn(cache)).toEqual(['tinyshakespeare.txt']);
    expect(events.length).toBeGreaterThan(1);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ dataset: 'tinyshakespeare', bytes: 1115394, total: 1115394, done: true });
    expect(last.rate).toBeGreaterThan(0);
    expect(events.slice(0, -1).every((p) => !p.done && p.total === 1115394)).toBe(true);
    const bytes = events.map((p) => p.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(formatDownloadProgress(last)).toMatch(/^tinyshakespeare +100% +1\.1 MB \/ 1\.1 MB +.*\/s +done$/);
    // A second call uses the cache: no new request.
    const before = hits.get('/files/tinyshakespeare.txt');
    await fetchDataset(entry, { ...quick, cacheDir: cache });
    expect(hits.get('/files/tinyshakespeare.txt')).toBe(before);
  });

  test.each([
    ['redirect', 'a 302 redirect is followed'],
    ['chunked', 'a body without Content-Length is accepted (total from the registry)'],
  ])('%s: %s', async (route) => {
    const cache = tempDir();
    const file = await fetchDataset(served('airline-passengers', route), { ...quick, cacheDir: cache });
    expect(fs.readFileSync(file)).toEqual(fs.readFileSync(path.join(mirror, 'airline-passengers.csv')));
  });

  test('concurrent calls for the same file share one download', async () => {
    const cache = tempDir();
    const entry = served('stocks', 'files');
    const n = hits.get('/files/stocks-2007-2016.csv') ?? 0;
    const [a, b] = await Promise.all([fetchDataset(entry, { ...quick, cacheDir: cache }), fetchDataset(entry, { ...quick, cacheDir: cache })]);
    expect(a).toBe(b);
    expect(hits.get('/files/stocks-2007-2016.csv')).toBe(n + 1);
  });

  test('retries with backoff after 503s, then succeeds', async () => {
    const cache = tempDir();
    await fetchDataset(served('melbourne-min-temperature', 'flaky'), { ...quick, cacheDir: cache, retries: 3 });
    expect(hits.get('/flaky/melbourne-daily-min-temperatures.csv')).toBe(3);
    expect(filesIn(cache)).toEqual(['melbourne-daily-min-temperatures.csv']);
  });

  test('a corrupt cached file is detected, deleted and fetched again', async () => {
    const cache = tempDir();
    const entry = served('airline-passengers', 'files');
    const file = await fetchDataset(entry, { ...quick, cacheDir: cache });
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([good.subarray(0, 100), Buffer.from('garbage')]));
    const n = hits.get('/files/airline-passengers.csv') ?? 0;
    await fetchDataset(entry, { ...quick, cacheDir: cache });
    expect(hits.get('/files/airline-passengers.csv')).toBe(n + 1);
    expect(fs.readFileSync(file)).toEqual(good);
  });
});

describe('download: failures leave no partial file in the cache', () => {
  test.each([
    ['corrupt', 'tinyshakespeare', /SHA-256 [0-9a-f]{64} does not match/],
    ['truncated', 'tinyshakespeare', /transfer broken|truncated/],
    ['missing', 'airline-passengers', /HTTP 404/],
    ['loop', 'airline-passengers', /too many redirects/],
    ['stall-body', 'airline-passengers', /no data for 400 ms .*timeout/],
    ['stall-headers', 'airline-passengers', /no response within 400 ms .*timeout/],
  ])('%s (%s)', async (route, name, reason) => {
    const cache = tempDir();
    const entry = served(name, route);
    const timeoutMs = route.startsWith('stall') ? 400 : quick.timeoutMs;
    const err = await fetchDataset(entry, { ...quick, cacheDir: cache, retries: 1, timeoutMs }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetUnavailableError);
    expect(err.message).toMatch(reason);
    expect(err.message).toContain(entry.url);
    expect(filesIn(cache)).toEqual([]);
  });

  test('a 404 or a checksum mismatch is not retried; a timeout is', async () => {
    const cache = tempDir();
    await fetchDataset(served('airline-passengers', 'nothing-here'), { ...quick, cacheDir: cache, retries: 3 }).catch(() => undefined);
    expect(hits.get('/nothing-here/airline-passengers.csv')).toBe(1);
    await fetchDataset(served('airline-passengers', 'corrupt'), { ...quick, cacheDir: cache, retries: 3 }).catch(() => undefined);
    expect(hits.get('/corrupt/airline-passengers.csv')).toBe(1);
    const stalls = hits.get('/stall-body/airline-passengers.csv') ?? 0;
    await fetchDataset(served('airline-passengers', 'stall-body'), { ...quick, cacheDir: cache, retries: 2, timeoutMs: 150 }).catch(() => undefined);
    expect(hits.get('/stall-body/airline-passengers.csv')).toBe(stalls + 3);
    expect(filesIn(cache)).toEqual([]);
  });
});

describe('mirror and offline', () => {
  test('a verified mirror copy is used in place, without network or cache', async () => {
    const cache = tempDir();
    const file = await fetchDataset('stocks', { mirror, cacheDir: cache, download: false, onProgress: null });
    expect(file).toBe(path.join(mirror, 'stocks-2007-2016.csv'));
    expect(filesIn(cache)).toEqual([]);
  });

  test('a corrupt mirror copy is rejected', async () => {
    const bad = tempDir('seqmodels-mirror-');
    fs.writeFileSync(path.join(bad, 'airline-passengers.csv'), 'Month,Passengers\n1949-01,1\n');
    const err = await fetchDataset('airline-passengers', { mirror: bad, cacheDir: tempDir(), download: false }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetUnavailableError);
    expect(err.message).toMatch(/mirror copy .*airline-passengers\.csv is corrupt/);
  });

  test('COURSE_DATA_MIRROR names the mirror when no argument does', async () => {
    const saved = process.env.COURSE_DATA_MIRROR;
    process.env.COURSE_DATA_MIRROR = mirror;
    try {
      const file = await fetchDataset('airline-passengers', { cacheDir: tempDir(), download: false });
      expect(file).toBe(path.join(mirror, 'airline-passengers.csv'));
    } finally {
      if (saved === undefined) delete process.env.COURSE_DATA_MIRROR;
      else process.env.COURSE_DATA_MIRROR = saved;
    }
  });

  test('offline with no mirror and no cache: one error naming dataset, URL, file, checksum and the fix', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const e = findEntry(registry, 'tinyshakespeare');
    const entry = { ...e, url: `http://127.0.0.1:${port}/input.txt` };
    const cache = tempDir();
    const err = await fetchDataset(entry, { ...quick, cacheDir: cache }).catch((x) => x);
    expect(err).toBeInstanceOf(DatasetUnavailableError);
    expect(err.dataset).toBe('tinyshakespeare');
    for (const part of ['"tinyshakespeare"', entry.url, '"tinyshakespeare.txt"', e.sha256!, '1115394 bytes', path.join(cache, 'tinyshakespeare.txt'), 'COURSE_DATA_MIRROR', 'by hand']) {
      expect(err.message).toContain(part);
    }
    expect(filesIn(cache)).toEqual([]);
  });
});

describe('cache location', () => {
  test('argument, then COURSE_DATA_CACHE, then datasets/cache in the repository', () => {
    const saved = process.env.COURSE_DATA_CACHE;
    try {
      delete process.env.COURSE_DATA_CACHE;
      expect(cacheDir()).toBe(path.join(repoRoot, 'datasets', 'cache'));
      process.env.COURSE_DATA_CACHE = '/tmp/somewhere';
      expect(cacheDir()).toBe('/tmp/somewhere');
      expect(cacheDir('/tmp/else')).toBe('/tmp/else');
      process.env.COURSE_DATA_CACHE = '~/.cache/seqmodels';
      expect(cacheDir()).toBe(path.join(os.homedir(), '.cache', 'seqmodels'));
    } finally {
      if (saved === undefined) delete process.env.COURSE_DATA_CACHE;
      else process.env.COURSE_DATA_CACHE = saved;
    }
  });

  test('the data folder holds every downloadable file with the registry\'s size and checksum', () => {
    for (const e of registry.datasets.filter((d) => !d.npm)) {
      const body = fs.readFileSync(path.join(mirror, e.file));
      expect([e.file, body.length, createHash('sha256').update(body).digest('hex')]).toEqual([e.file, e.bytes, e.sha256]);
    }
  });

  test('a mirror with a README lists every file with the registry\'s URL, size and checksum', () => {
    const file = path.join(mirror, 'README.md');
    // The course's cache (the data folder when COURSE_DATA_MIRROR is unset) has no README.
    if (!process.env.COURSE_DATA_MIRROR || !fs.existsSync(file)) return;
    const readme = fs.readFileSync(file, 'utf8');
    for (const e of registry.datasets.filter((d) => !d.npm)) {
      expect(readme).toContain(`| ${e.file} | ${e.url} | ${e.bytes} | ${e.sha256} |`);
    }
  });
});

describe('progress display', () => {
  test('one line redrawn with \\r, throttled, ended with a newline when done', () => {
    const out: string[] = [];
    const report = downloadProgressReporter((s) => out.push(s), 1000);
    report({ dataset: 'stocks', bytes: 50000, total: 151626, rate: 2e6, done: false });
    report({ dataset: 'stocks', bytes: 100000, total: 151626, rate: 2e6, done: false }); // within 1 s: skipped
    report({ dataset: 'stocks', bytes: 151626, total: 151626, rate: 2.5e6, done: true });
    expect(out).toEqual(['\rstocks   32%  50 kB / 152 kB  2.0 MB/s', '\rstocks  100%  152 kB / 152 kB  2.5 MB/s  done\n']);
  });

  test('without a known total: bytes and rate only', () => {
    expect(formatDownloadProgress({ dataset: 'x', bytes: 512, rate: 2048, done: false })).toBe('x  512 B  2 kB/s');
  });
});
