// Runs a reference benchmark in Python (bench/reference/*.py) beside the course's own, in the same
// `npm run bench` run: Debian's /usr/bin/python3 (the first python3 on PATH may be another one),
// one BLAS thread (OPENBLAS_NUM_THREADS=1, and the script calls torch.set_num_threads(1)), and
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed for that command only (they pin OpenBLAS to a
// slower kernel when set). The script prints one JSON object as its last line.
// Returns { ok: true, result } or { ok: false, why } with a line saying how to get the reference.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PYTHON = '/usr/bin/python3';

/** How to install what a reference needs (Debian packages). */
export const HOW_TO = {
  torch: 'apt-get install python3-torch libopenblas0-pthread (without the pthread OpenBLAS, torch falls back to the reference BLAS, about 15 times slower)',
  numpy: 'apt-get install python3-numpy libopenblas0-pthread',
};

export function runReference(script, args, needs) {
  if (!fs.existsSync(PYTHON)) return { ok: false, why: `${PYTHON} not found; ${HOW_TO[needs]}` };
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const probe = spawnSync(PYTHON, ['-c', `import ${needs}`], { env, encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, why: `${needs} is not importable by ${PYTHON}; ${HOW_TO[needs]}` };
  const p = spawnSync(PYTHON, [path.join(here, script), ...args], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = (p.stdout ?? '').trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
  if (p.status !== 0 || !line) return { ok: false, why: `${script} failed (exit ${p.status}): ${(p.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return { ok: true, result: JSON.parse(line) };
}
