// Issue #12: the notebook runner reports each notebook's peak resident memory (VmHWM of the
// kernel process), prints it on the notebook's line and keeps it in the executed copy.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { jupyterPython, fixtureNotebook: notebook } = require('./jupyter-env');


const hasProc = fs.existsSync('/proc/self/status');

test('the runner reports a plausible peak memory for a notebook that holds 400 MB', () => {
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'build', 'memory-test-'));
  try {
    // 400 MB written byte by byte, so that every page is resident, kept alive until the end.
    fs.writeFileSync(
      path.join(dir, 'holds_400mb.ipynb'),
      notebook(['const big = Buffer.alloc(400 * 1024 * 1024, 1);', 'console.log(`held ${big.length >> 20} MB`);']),
    );
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), `--dir=${dir}`, `--out=${dir}/out`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120000,
    });
    expect(r.stdout).toMatch(/^ok\s+holds_400mb\.ipynb\s+[\d.]+ s\s+peak\s+(\d+ MB|n\/a)/m);
    const executed = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'holds_400mb.ipynb'), 'utf8'));
    const peak = executed.metadata.course_run.peak_memory_mb;
    if (!hasProc) {
      expect(peak).toBeNull();
      expect(r.stdout).toMatch(/peak\s+n\/a/);
      return;
    }
    // At least the buffer, plus the kernel itself; far from the 3 GB limit.
    expect(peak).toBeGreaterThan(400);
    expect(peak).toBeLessThan(1500);
    expect(r.stdout).toContain(`peak ${String(peak + ' MB').padStart(8)}`);
    expect(r.stdout).not.toMatch(/over the 3 GB limit/);
    expect(['fast', 'full']).toContain(executed.metadata.course_run.mode);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('peak memory is n/a, not a failure, for a process that cannot be read', () => {
  // A pid that does not exist stands for a kernel that is gone or a system without /proc.
  const r = spawnSync(
    jupyterPython(),
    ['-c', 'import sys; sys.argv = ["x"]; sys.path.insert(0, "scripts"); import execute_notebook as e; print(e.peak_memory_mb(None), e.peak_memory_mb(2 ** 22 + 7))'],
    { cwd: root, encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('None None');
});
