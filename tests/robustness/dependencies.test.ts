// The runtime dependencies with published advisories are reachable only through entry points
// the course never calls (README, "Security note"): danfojs-node's readers readCSV/readJSON
// fetch URLs with the deprecated `request` (SSRF on redirects; tough-cookie 2.5 and form-data
// 2.3 below it), readExcel parses spreadsheets with `xlsx` (replaced here by a stub with no
// parser). This test keeps it that way: no reader call in the library, notebooks, exercises.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function files(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
  }
  return out;
}

const READERS = /\b(readCSV|readJSON|readExcel|toExcel|streamCSV|streamJSON|openCsvInputStream)\s*\(/;

describe('danfojs readers (request, xlsx) are never called', () => {
  const sources = [
    ...files(path.join(root, 'lib', 'src'), ['.ts']),
    ...files(path.join(root, 'notebooks'), ['.ipynb']),
    ...files(path.join(root, 'exercises'), ['.ts', '.js']),
    ...files(path.join(root, 'solutions'), ['.ts']),
  ];

  test('the scan sees the course sources', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  test.each(sources.map((f) => [path.relative(root, f)]))('%s', (rel) => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const hit = text.split('\n').findIndex((l) => READERS.test(l));
    if (hit >= 0) {
      throw new Error(`${rel}:${hit + 1} calls a danfojs reader, which pulls in \`request\`/\`xlsx\` (see README, Security note): load data with the library's loaders instead`);
    }
  });

  test('the detector itself catches a call', () => {
    expect(READERS.test('const df = await dfd.readCSV("https://example.org/x.csv");')).toBe(true);
    expect(READERS.test('// data comes from loadBeijingWeather()')).toBe(false);
  });

  test('xlsx is the stub without a parser', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'xlsx', 'package.json'), 'utf8'));
    expect(pkg.version).toMatch(/disabled/);
  });

  test('papaparse (the CSV parser of parseCsv) is one copy, the one danfojs-node uses, at the version package.json pins', () => {
    const pinned = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies.papaparse;
    const ours = require.resolve('papaparse/package.json', { paths: [root] });
    const danfos = require.resolve('papaparse/package.json', { paths: [path.dirname(require.resolve('danfojs-node/package.json', { paths: [root] }))] });
    expect(danfos).toBe(ours);
    expect(JSON.parse(fs.readFileSync(ours, 'utf8')).version).toBe(pinned);
  });
});
