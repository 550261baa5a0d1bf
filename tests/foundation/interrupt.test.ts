// A kernel interrupt ("Interrupt kernel" in Jupyter) during training, observed in the real kernel.
// tslab ends the cell at once but cannot stop an awaited loop; trainModel listens for SIGINT and
// stops at the next batch. The unsafe case documents why that is needed.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { jupyterPython, jupyterEnvForTests } = require('./jupyter-env');

test('interrupting the kernel stops trainModel between batches and keeps the result', () => {
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'interrupt-'));
  const r = spawnSync(jupyterPython(), [path.join(__dirname, 'kernel_interrupt.py'), logs, path.join(root, 'notebooks')], {
    env: jupyterEnvForTests(),
    encoding: 'utf8',
    timeout: 150000,
  });
  expect(r.stderr.split('\n').filter((l) => /Error|Traceback/.test(l))).toEqual([]);
  const obs = JSON.parse(r.stdout.trim().split('\n').pop()!);
  // The library's handling: training was running, then stops for good.
  expect(obs.safe.batches_before_interrupt).toBeGreaterThan(0);
  expect(obs.safe.batches_after_interrupt_growth).toBe(0);
  expect(obs.safe.last_result.stopped).toBe('aborted');
  expect(obs.safe.last_result.message).toMatch(/interrupted \(SIGINT/);
  // Without it, the loop goes on in the background after the cell has ended.
  expect(obs.unsafe.batches_after_interrupt_growth).toBeGreaterThan(0);
  expect(obs.unsafe.last_result.stopped).toBe('running');
});
