// Saves under concurrency and kills (issue 22, class 3), paths and hashes of saved models
// (class 2), and resume from a checkpoint (one atomic unit, a contradicting config refused).
// Child processes run the built library (lib/dist; built here if older than its sources) and
// are killed with SIGKILL at seeded random moments.
import * as tf from '@tensorflow/tfjs';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { disposeModel, loadModel, readTrainerState, resumeTraining, saveModel, seededRng, trainModel } from 'seqmodels/internals';

const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'lib', 'dist');
const child = path.join(__dirname, 'fixtures', 'save-child.js');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'seqmodels-robust-save-'));

beforeAll(() => {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const built = fs.existsSync(path.join(dist, 'train', 'modelio.js')) ? fs.statSync(path.join(dist, 'train', 'modelio.js')).mtimeMs : 0;
  if (built < newest(path.join(root, 'lib', 'src', 'train'))) {
    const r = spawnSync('npx', ['tsc', '-p', 'lib'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building lib/ failed: ${r.stdout}${r.stderr}`);
  }
}, 300_000);

function start(mode: string, dir: string, id: number, count: number): ChildProcess {
  return spawn(process.execPath, [child, dist, mode, dir, String(id), String(count)], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}
const exited = (p: ChildProcess) =>
  new Promise<number | null>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wait (at most a minute) until `file` exists: the children have started working. */
async function until(file: string): Promise<void> {
  for (const t0 = Date.now(); !fs.existsSync(file) && Date.now() - t0 < 60_000; ) await sleep(10);
}

/** The one number every weight of a model saved by save-child holds, or a description of the mix. */
function versionOf(m: tf.LayersModel): number | string {
  const values = new Set<number>();
  for (const w of m.getWeights()) for (const v of w.dataSync()) values.add(v);
  return values.size === 1 ? [...values][0] : `mixed: ${[...values].slice(0, 4).join(', ')}`;
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => !/^model\.json$|^weights-[0-9a-f]{16}\.bin$/.test(f));

describe('two writers and a reader on one folder', () => {
  test('every load during the saves succeeds with one whole version; the end state is one model', async () => {
    const dir = tmp();
    const writers = [start('save-loop', dir, 1, 40), start('save-loop', dir, 2, 40)];
    let loads = 0;
    const failures: string[] = [];
    const t0 = Date.now();
    while (writers.some((w) => w.exitCode === null) && Date.now() - t0 < 120_000) {
      await sleep(1); // let the children's exit events in
      if (!fs.existsSync(path.join(dir, 'model.json'))) continue;
      try {
        const m = await loadModel(dir);
        const v = versionOf(m);
        if (typeof v === 'string') failures.push(v);
        disposeModel(m);
        loads++;
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    expect(await Promise.all(writers.map(exited))).toEqual([0, 0]);
    expect(failures).toEqual([]);
    expect(loads).toBeGreaterThan(0);
    expect(leftovers(dir)).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const last = await loadModel(dir);
    expect([10039, 20039]).toContain(versionOf(last));
    disposeModel(last);
  });
});

describe('writers killed at random moments', () => {
  const random = seededRng(22);
  const trials = Array.from({ length: 8 }, (_, i) => [i, Math.floor(random() * 600)] as const);
  let withModel = 0;
  afterAll(() => expect(withModel).toBe(trials.length));
  test.each(trials)('trial %i: two writers killed %i ms into their saves leave a loadable folder; the next save cleans up', async (_i, delay) => {
    const dir = tmp();
    const writers = [start('save-loop', dir, 1, 10_000), start('save-loop', dir, 2, 10_000)];
    await until(path.join(dir, 'model.json'));
    await sleep(delay);
    for (const w of writers) w.kill('SIGKILL');
    await Promise.all(writers.map(exited));
    if (fs.existsSync(path.join(dir, 'model.json'))) {
      withModel++;
      const m = await loadModel(dir);
      expect(typeof versionOf(m)).toBe('number');
      disposeModel(m);
    }
    // The next save (here, in this process) takes over a dead writer's lock and removes
    // temporary files and weights that no model.json names.
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 16, inputShape: [8] }), tf.layers.dense({ units: 4 })] });
    m.setWeights(m.getWeights().map((w) => tf.fill(w.shape, 7)));
    await saveModel(m, dir, { includeOptimizer: false });
    expect(leftovers(dir)).toEqual([]);
    const back = await loadModel(dir);
    expect(versionOf(back)).toBe(7);
    disposeModel(back);
    disposeModel(m);
  });
});

describe('checkpoints are one atomic unit', () => {
  const random = seededRng(7);
  const trials = Array.from({ length: 5 }, (_, i) => [i, Math.floor(random() * 1500)] as const);
  let compared = 0;
  afterAll(() => expect(compared).toBeGreaterThanOrEqual(3)); // most kills came after a logged checkpoint
  test.each(trials)('trial %i: training killed %i ms after its first checkpoint; the checkpoint\'s epoch matches its weights', async (_i, delay) => {
    const base = tmp();
    const dir = path.join(base, 'ckpt');
    const p = start('train', dir, 1, 200);
    await until(path.join(base, 'epochs-1.log'));
    await sleep(delay);
    p.kill('SIGKILL');
    await exited(p);
    const last = path.join(dir, 'last');
    if (!fs.existsSync(path.join(last, 'model.json'))) return; // killed before the first checkpoint
    expect(leftovers(last).filter((f) => f !== '.lock')).toEqual(leftovers(last).filter((f) => /\.tmp-/.test(f)));
    const m = await loadModel(last);
    const state = readTrainerState(m) as { epoch: number };
    const sum = m.getWeights().map((w) => Array.from(w.dataSync()).join(',')).join(';');
    const fingerprint = crypto.createHash('sha256').update(sum).digest('hex');
    const log = path.join(base, 'epochs-1.log');
    const logged = new Map(
      (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '')
        .split('\n')
        .filter((l) => / /.test(l))
        .map((l) => l.split(' ') as [string, string]),
    );
    // The log line of an epoch is written after its checkpoint: when present, the same weights.
    if (logged.has(String(state.epoch))) {
      compared++;
      expect(fingerprint).toBe(logged.get(String(state.epoch)));
    }
    expect(logged.size).toBeGreaterThanOrEqual(state.epoch - 1);
    disposeModel(m);
  });
});

describe('resume', () => {
  const data = () => ({ x: tf.randomNormal([32, 3], 0, 1, 'float32', 3), y: tf.randomNormal([32, 1], 0, 1, 'float32', 4) });
  const make = () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.dense({ units: 1 })] });
    m.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    return m;
  };
  let dir = '';
  beforeAll(async () => {
    dir = tmp();
    const { x, y } = data();
    const m = make();
    await trainModel(m, x, y, { epochs: 2, batchSize: 8, seed: 5, checkpoint: { dir }, stopOnInterrupt: false });
    disposeModel(m);
    tf.dispose([x, y]);
  });

  test('the checkpoint folder holds no trainer.json: the state is inside model.json', async () => {
    expect(fs.readdirSync(path.join(dir, 'last')).sort()).toEqual(['model.json', expect.stringMatching(/^weights-/)]);
    const m = await loadModel(path.join(dir, 'last'));
    expect(readTrainerState(m)).toMatchObject({ epoch: 2, seed: 5, batchSize: 8, shuffle: true });
    disposeModel(m);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['another batch size', { batchSize: 4 }, /trained with batchSize 8 \(you passed 4\).*allowConfigChange/],
    ['another seed', { seed: 6 }, /seed 5 \(you passed 6\)/],
    ['shuffle switched off', { shuffle: false }, /shuffle true \(you passed false\)/],
    ['fewer epochs than done', { epochs: 1 }, /already trained 2 epochs, more than epochs: 1/],
  ])('%s is refused', async (_name, change, message) => {
    const { x, y } = data();
    const before = tf.memory().numTensors;
    await expect(resumeTraining(x, y, { epochs: 3, batchSize: 8, checkpoint: { dir }, stopOnInterrupt: false, ...change })).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before); // the loaded model was freed
    tf.dispose([x, y]);
  });

  test('allowConfigChange: true continues with the new batch size', async () => {
    const { x, y } = data();
    const { model, result } = await resumeTraining(x, y, { epochs: 3, batchSize: 4, checkpoint: { dir }, allowConfigChange: true, stopOnInterrupt: false });
    expect(result.stopped).toBe('completed');
    expect(result.epochsDone).toBe(3);
    disposeModel(model);
    tf.dispose([x, y]);
  });
});

describe('paths and hashes in a saved model', () => {
  const make = (v: number) => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
    m.setWeights(m.getWeights().map((w) => tf.fill(w.shape, v)));
    return m;
  };
  const edit = (dir: string, f: (j: Record<string, any>) => void) => {
    const file = path.join(dir, 'model.json');
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    f(j);
    fs.writeFileSync(file, JSON.stringify(j));
  };
  test.each<[string, (dir: string) => void | Promise<void>, RegExp]>([
    ['a manifest path to ../secret.bin', (d) => {
      fs.writeFileSync(path.join(d, '..', 'secret.bin'), Buffer.alloc(36));
      edit(d, (j) => (j.weightsManifest[0].paths = ['../secret.bin']));
    }, /names the weights file "\.\.\/secret\.bin", which is not inside/],
    ['an absolute manifest path', (d) => edit(d, (j) => (j.weightsManifest[0].paths = ['/etc/hostname'])), /"\/etc\/hostname", which is not inside/],
    ['a path into a subfolder', (d) => edit(d, (j) => (j.weightsManifest[0].paths = ['sub/w.bin'])), /"sub\/w\.bin", which is not inside/],
    ['a manifest that is an object', (d) => edit(d, (j) => (j.weightsManifest = { paths: ['x'] })), /"weightsManifest" must be a list of groups, got object/],
    ['a manifest group without paths', (d) => edit(d, (j) => delete j.weightsManifest[0].paths), /weightsManifest" \[0\]\.paths must be a list of file names/],
    ['a manifest entry without a shape', (d) => edit(d, (j) => delete j.weightsManifest[0].weights[0].shape), /without a name, a shape/],
    ['paths that are numbers', (d) => edit(d, (j) => (j.weightsManifest[0].paths = [7])), /paths must be a list of file names, got \[7\]/],
    ['weights of another model with the same size', (d) => {
      const other = tmp();
      return saveModel(make(5), other).then(() => {
        const mine = fs.readdirSync(d).find((f) => f.endsWith('.bin'))!;
        const theirs = fs.readdirSync(other).find((f) => f.endsWith('.bin'))!;
        fs.copyFileSync(path.join(other, theirs), path.join(d, mine));
      });
    }, /its content has SHA-256 [0-9a-f]{16}\.\.\., not the [0-9a-f]{16}\.\.\. its name carries/],
    ['one byte of the weights changed', (d) => {
      const f = path.join(d, fs.readdirSync(d).find((n) => n.endsWith('.bin'))!);
      const b = fs.readFileSync(f);
      b[3] ^= 1;
      fs.writeFileSync(f, b);
    }, /not the [0-9a-f]{16}\.\.\. its name carries/],
    ['model.json is a folder', (d) => {
      fs.rmSync(path.join(d, 'model.json'));
      fs.mkdirSync(path.join(d, 'model.json'));
    }, /model\.json: is a folder, not a file/],
  ])('%s: refused, and nothing leaks', async (_name, breakIt, message) => {
    const parent = tmp();
    const dir = path.join(parent, 'model');
    const m = make(1);
    await saveModel(m, dir);
    disposeModel(m);
    await breakIt(dir);
    const before = tf.memory().numTensors;
    await expect(loadModel(dir)).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('saving into a path that is a file is a clear error', async () => {
    const file = path.join(tmp(), 'plain');
    fs.writeFileSync(file, 'x');
    await expect(saveModel(make(1), file)).rejects.toThrow(/plain: is a file, not a folder/);
  });

  test('a disposed model is refused by saveModel', async () => {
    const m = make(1);
    m.dispose();
    await expect(saveModel(m, tmp())).rejects.toThrow(/saveModel: the model has been disposed/);
  });
});
