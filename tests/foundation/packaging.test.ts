// The installed tree: one tfjs-core, danfojs usable offline, notebooks committed clean.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

test('exactly one @tensorflow/tfjs-core is installed', () => {
  const out = execFileSync('npm', ['ls', '@tensorflow/tfjs-core', '--all', '--json'], { cwd: root, encoding: 'utf8' });
  const versions = new Set<string>();
  const walk = (deps: Record<string, any> | undefined) => {
    for (const [name, d] of Object.entries(deps ?? {})) {
      if (name === '@tensorflow/tfjs-core' && d.version) versions.add(d.version);
      walk(d.dependencies);
    }
  };
  walk(JSON.parse(out).dependencies);
  expect([...versions]).toEqual(['4.22.0']);
});

test('danfojs-node loads and runs on the same tfjs', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const dfd = require('danfojs-node');
  const df = new dfd.DataFrame({ a: [1, 2, 3], b: [10, 20, 30] });
  expect(df.shape).toEqual([3, 2]);
  expect(df['b'].mean()).toBe(20);
  // The override maps danfojs-node's @tensorflow/tfjs-node 3.x to the pure-JS tfjs 4.22.
  const danfoDir = path.dirname(require.resolve('danfojs-node/package.json'));
  const pj = require(require.resolve('@tensorflow/tfjs-node/package.json', { paths: [danfoDir] }));
  expect([pj.name, pj.version]).toEqual(['@tensorflow/tfjs', '4.22.0']);
});

describe('committed notebooks', () => {
  const dir = path.join(root, 'notebooks');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();

  test('there are notebooks, starting with 00_setup', () => {
    expect(files[0]).toBe('00_setup.ipynb');
  });

  test.each(files)('%s carries no outputs and uses the course kernel', (f) => {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(nb.metadata.kernelspec.name).toBe('tslab');
    const dirty = nb.cells
      .map((c: any, i: number) => ({ i, c }))
      .filter(({ c }: any) => c.cell_type === 'code' && ((c.outputs ?? []).length > 0 || c.execution_count != null))
      .map(({ i }: any) => i);
    expect({ file: f, cellsWithOutputs: dirty }).toEqual({ file: f, cellsWithOutputs: [] });
  });
});

test('spreadsheet parsing is switched off: no real xlsx is installed, its functions say why', () => {
  const danfoDir = path.dirname(require.resolve('danfojs-node/package.json'));
  const pj = require(require.resolve('xlsx/package.json', { paths: [danfoDir] }));
  expect(pj.version).toBe('0.0.0-disabled');
  // What danfojs' readExcel/toExcel call, as danfojs resolves it.
  const xlsx = require(require.resolve('xlsx', { paths: [danfoDir] }));
  expect(() => xlsx.readFile('any.xlsx')).toThrow(/spreadsheet \(Excel\) support is disabled.*readCSV/);
  expect(() => xlsx.utils.sheet_to_json({})).toThrow(/xlsx\.utils\.sheet_to_json: spreadsheet/);
});
