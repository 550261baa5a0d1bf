// Downloads under hostile options and servers (issue 22, classes 1 and 2): every option is
// checked, every transfer has a deadline and a byte cap, a throwing callback is the caller's
// error, errors that a retry cannot fix are not retried, and a registry file name never leaves
// the cache. The servers listen on 127.0.0.1 only; every loop in them is bounded.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { DatasetEntry, DatasetUnavailableError, fetchDataset, parseRegistry } from 'seqmodels/internals';

const body = Buffer.from(Array.from({ length: 2000 }, (_, i) => `${i % 10}`).join(''));
const sha256 = crypto.createHash('sha256').update(body).digest('hex');
const hits = new Map<string, number>();
const timers = new Set<NodeJS.Timeout>();

// /ok the file; /drip one byte every 100 ms (never ends before the deadline); /never no answer;
// /huge 100 MB without Content-Length; /liar a Content-Length of 100 MB; /short-length a
// Content-Length smaller than the file; /gzip the file compressed although identity was asked;
// /busy 503.
const server = http.createServer((req, res) => {
  const route = (req.url ?? '').split('/')[1];
  hits.set(route, (hits.get(route) ?? 0) + 1);
  switch (route) {
    case 'ok':
      res.writeHead(200, { 'content-length': String(body.length) }).end(body);
      break;
    case 'drip': {
      res.writeHead(200, { 'content-length': String(body.length) });
      let i = 0;
      const t = setInterval(() => {
        if (i >= 200 || res.destroyed) {
          clearInterval(t);
          timers.delete(t);
          res.destroy();
          return;
        }
        res.write(body.subarray(i, i + 1));
        i++;
      }, 100);
      timers.add(t);
      break;
    }
    case 'never':
      break;
    case 'huge': {
      res.writeHead(200);
      const chunk = Buffer.alloc(1 << 20, 65);
      let sent = 0;
      const push = () => {
        while (sent < 100 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', push);
        }
        res.end();
      };
      res.on('error', () => undefined);
      push();
      break;
    }
    case 'liar':
      res.writeHead(200, { 'content-length': String(100 * 2 ** 20) });
      res.write(body);
      break;
    case 'short-length':
      res.writeHead(200, { 'content-length': String(body.length - 100) }).end(body.subarray(0, body.length - 100));
      break;
    case 'gzip': {
      const z = require('zlib').gzipSync(body);
      res.writeHead(200, { 'content-length': String(z.length), 'content-encoding': 'gzip' }).end(z);
      break;
    }
    case 'busy':
      res.writeHead(503).end('busy');
      break;
    default:
      res.writeHead(404).end();
  }
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'seqmodels-robust-dl-'));
const entry = (route: string, extra: Partial<DatasetEntry> = {}): DatasetEntry => ({
  name: `t-${route}`,
  url: `${base}/${route}/file.txt`,
  file: 'file.txt',
  bytes: body.length,
  sha256,
  licence: 'l',
  citation: 'c',
  description: 'd',
  ...extra,
});
const quiet = { mirror: null, onProgress: null, backoffMs: 1 } as const;

describe('every numeric option is checked: the error names option, value and range', () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['negative timeout', { timeoutMs: -5 }, /timeoutMs must be an integer from 1 to 2147483647 \(ms\), got -5/],
    ['zero timeout', { timeoutMs: 0 }, /timeoutMs .* got 0/],
    ['NaN timeout', { timeoutMs: NaN }, /timeoutMs .* got NaN/],
    ['Infinity timeout', { timeoutMs: Infinity }, /timeoutMs .* got Infinity/],
    ['fractional timeout', { timeoutMs: 1.5 }, /timeoutMs must be an integer/],
    ['timeout past setTimeout', { timeoutMs: 2 ** 31 }, /timeoutMs .* got 2147483648/],
    ['string timeout', { timeoutMs: '100' }, /timeoutMs .* got "100"/],
    ['NaN retries', { retries: NaN }, /retries must be an integer from 0 to 10, got NaN/],
    ['negative retries', { retries: -1 }, /retries .* got -1/],
    ['fractional retries', { retries: 0.5 }, /retries .* got 0\.5/],
    ['Infinity retries', { retries: Infinity }, /retries .* got Infinity/],
    ['negative backoff', { backoffMs: -1 }, /backoffMs must be a finite number from 0 to 60000 \(ms\), got -1/],
    ['NaN backoff', { backoffMs: NaN }, /backoffMs .* got NaN/],
    ['zero deadline', { deadlineMs: 0 }, /deadlineMs .* got 0/],
    ['NaN deadline', { deadlineMs: NaN }, /deadlineMs .* got NaN/],
    ['onProgress not a function', { onProgress: 42 }, /onProgress must be a function or null, got number/],
    ['download not a boolean', { download: 'no' }, /download must be true or false, got "no"/],
    ['cacheDir not a string', { cacheDir: 7 }, /cacheDir must be a folder path, got 7/],
    ['empty mirror', { mirror: '' }, /mirror must be a folder path or null, got ""/],
  ];
  test.each(bad)('%s', async (_name, options, message) => {
    const n = hits.get('ok') ?? 0;
    await expect(fetchDataset(entry('ok'), { ...quiet, cacheDir: tmp(), ...options } as never)).rejects.toThrow(message);
    expect(hits.get('ok') ?? 0).toBe(n); // rejected before any request
  });
});

describe('bad servers: every transfer ends, leaves no file, and says why', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a server that never answers, timeoutMs small', { timeoutMs: 300 }, /no response within 300 ms/],
    ['a server that never answers, deadline small', { timeoutMs: 60_000, deadlineMs: 400 }, /deadline of 400 ms/],
    ['one byte every 100 ms: the deadline cuts it', { timeoutMs: 60_000, deadlineMs: 700 }, /deadline of 700 ms/],
    ['100 MB without Content-Length for a 2 kB file: the cap cuts it', {}, /sent more than the 2000 bytes expected/],
    ['a Content-Length of 100 MB: refused before the body', {}, /announces 104857600 bytes \(Content-Length\), more than the 2000 expected/],
  ];
  cases.push(['a Content-Length smaller than the registry size: refused before the body', {}, /announces 1900 bytes \(Content-Length\), not the 2000 expected/]);
  const routes = ['never', 'never', 'drip', 'huge', 'liar', 'short-length'];
  test.each(cases.map((c, i) => [...c, routes[i]] as const))('%s', async (_name, options, message, route) => {
    const cache = tmp();
    const err = await fetchDataset(entry(route), { ...quiet, cacheDir: cache, retries: 0, ...options }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetUnavailableError);
    expect(err.message).toMatch(message);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  test('the byte cap is not retried; the deadline spans all attempts', async () => {
    const n = hits.get('huge') ?? 0;
    await fetchDataset(entry('huge'), { ...quiet, cacheDir: tmp(), retries: 3 }).catch(() => undefined);
    expect(hits.get('huge')).toBe(n + 1);
    const m = hits.get('never') ?? 0;
    const err = await fetchDataset(entry('never'), { ...quiet, cacheDir: tmp(), retries: 10, timeoutMs: 200, deadlineMs: 500 }).catch((e) => e);
    expect(err.message).toMatch(/deadline|no response/);
    // a later attempt gets what is left of the deadline, but the message names the one that was set
    expect(err.message.match(/deadline of (\d+) ms/)?.[1] ?? '500').toBe('500');
    expect((hits.get('never') ?? 0) - m).toBeLessThan(11);
  });
});

describe('content encoding', () => {
  test('the file is asked for without compression, so sizes are the file\'s', async () => {
    const n = hits.get('short-length') ?? 0;
    await fetchDataset(entry('short-length'), { ...quiet, cacheDir: tmp(), retries: 3 }).catch(() => undefined);
    expect(hits.get('short-length')).toBe(n + 1); // not retried
  });
  test('a server that compresses anyway: the decompressed file is verified and kept', async () => {
    const cache = tmp();
    const file = await fetchDataset(entry('gzip'), { ...quiet, cacheDir: cache });
    expect(fs.readFileSync(file)).toEqual(body);
  });
});

describe('callbacks are isolated: what onProgress throws is the caller\'s rejection', () => {
  const thrown: [string, () => unknown][] = [
    ['an Error', () => new Error('chart broke')],
    ['a TypeError', () => new TypeError('cannot read x of undefined')],
    ['a string', () => 'plain string'],
  ];
  test.each(thrown)('%s, on the first event', async (_name, make) => {
    const value = make();
    const cache = tmp();
    const err = await fetchDataset(entry('ok'), {
      ...quiet,
      cacheDir: cache,
      onProgress: () => {
        throw value;
      },
    }).catch((e) => e);
    expect(err).toBe(value);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  test('thrown on the final "done" event: the call rejects, the verified file stays', async () => {
    const cache = tmp();
    const err = await fetchDataset(entry('ok'), {
      ...quiet,
      cacheDir: cache,
      onProgress: (p) => {
        if (p.done) throw new Error('at the end');
      },
    }).catch((e) => e);
    expect(err.message).toBe('at the end');
    expect(fs.readdirSync(cache)).toEqual(['file.txt']);
  });
});

describe('errors that a retry cannot fix are not retried', () => {
  test('ENOSPC while writing (the .part file is /dev/full)', async () => {
    if (!fs.existsSync('/dev/full')) return;
    const cache = tmp();
    for (let attempt = 0; attempt < 4; attempt++) fs.symlinkSync('/dev/full', path.join(cache, `file.txt.${process.pid}.${attempt}.part`));
    const n = hits.get('ok') ?? 0;
    const err = await fetchDataset(entry('ok'), { ...quiet, cacheDir: cache, retries: 3 }).catch((e) => e);
    expect(err.message).toMatch(/ENOSPC/);
    expect(hits.get('ok')).toBe(n + 1);
  });
  test.each([
    ['HTTP 404', 'missing', /HTTP 404/, 1],
    ['checksum mismatch', 'ok', /does not match/, 1],
    ['HTTP 503 is retried', 'busy', /HTTP 503/, 3],
  ])('%s', async (_name, route, message, requests) => {
    const n = hits.get(route) ?? 0;
    const e = route === 'ok' ? entry(route, { sha256: '0'.repeat(64) }) : entry(route);
    const err = await fetchDataset(e, { ...quiet, cacheDir: tmp(), retries: 2 }).catch((x) => x);
    expect(err.message).toMatch(message);
    expect((hits.get(route) ?? 0) - n).toBe(requests);
  });
});

describe('paths from the registry never leave the cache or the mirror', () => {
  const names = ['../../escaped.csv', '../escaped.csv', '/etc/passwd', 'sub/file.csv', '..', '.', '', 'a\\..\\b.csv', 'C:evil.csv', 'nul\0.csv'];
  test.each(names)('file %j is refused by fetchDataset and by parseRegistry', async (file) => {
    const cache = tmp();
    await expect(fetchDataset(entry('ok', { file }), { ...quiet, cacheDir: cache })).rejects.toThrow(/"file" must be a plain file name/);
    expect(() => parseRegistry({ datasets: [entry('ok', { file })] }, 'r.json')).toThrow(/"file" must be a plain file name|lacks the string field "file"/);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(fs.existsSync(path.join(cache, '..', 'escaped.csv'))).toBe(false);
  });
  test.each([-1, 1.5, NaN, Infinity, '2000'])('bytes %p is refused', async (bytes) => {
    await expect(fetchDataset(entry('ok', { bytes: bytes as number }), { ...quiet, cacheDir: tmp() })).rejects.toThrow(/"bytes".*an integer >= 0/);
  });
});

describe('folders and files where the other is expected', () => {
  test('a missing mirror folder is reported as missing', async () => {
    const err = await fetchDataset(entry('ok'), { ...quiet, mirror: '/nonexistent/mirror-folder', cacheDir: tmp(), download: false }).catch((e) => e);
    expect(err.message).toMatch(/the mirror folder \/nonexistent\/mirror-folder does not exist/);
    expect(err.message).not.toMatch(/has no file\.txt/);
  });
  test('a folder where the cached file belongs', async () => {
    const cache = tmp();
    fs.mkdirSync(path.join(cache, 'file.txt'));
    await expect(fetchDataset(entry('ok'), { ...quiet, cacheDir: cache })).rejects.toThrow(/file\.txt is a folder, where a dataset file belongs/);
  });
  test('a cache "folder" that is a file', async () => {
    const file = path.join(tmp(), 'plain');
    fs.writeFileSync(file, 'x');
    await expect(fetchDataset(entry('ok'), { ...quiet, cacheDir: file })).rejects.toThrow(/cache folder .*plain is a file, not a folder/);
  });
});

describe('stale .part files of killed processes are removed by the next fetch', () => {
  test('dead pids are cleaned, a live one is kept', async () => {
    const cache = tmp();
    const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    const stale = [`file.txt.${dead}.0.part`, `other.csv.${dead}.3.part`];
    const live = `other.csv.${process.ppid}.0.part`;
    for (const f of [...stale, live]) fs.writeFileSync(path.join(cache, f), Buffer.alloc(1000));
    await fetchDataset(entry('ok'), { ...quiet, cacheDir: cache });
    expect(fs.readdirSync(cache).sort()).toEqual(['file.txt', live].sort());
  });
});
