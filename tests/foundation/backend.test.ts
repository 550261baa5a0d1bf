// The backend selector: automatic choice, forcing, and clear errors for bad choices.
import * as tf from '@tensorflow/tfjs';
import { initBackend, backendInfo, BACKENDS, setTransposeFreeMatMul } from 'seqmodels/internals';

function nativeInstalled(): boolean {
  try {
    require('tfjs-node-native');
    return true;
  } catch {
    return false;
  }
}

describe('initBackend', () => {
  const lines: string[] = [];
  const log = (l: string) => lines.push(l);

  test('picks the first backend that starts and says why in one line', async () => {
    const info = await initBackend({ log });
    expect(BACKENDS).toContain(info.name);
    expect(tf.getBackend()).toBe(info.name);
    expect(backendInfo()).toBe(info);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`using ${info.name}`);
    if (nativeInstalled()) {
      expect(info.name).toBe('tensorflow');
    } else {
      expect(info.name).toBe('wasm');
      expect(info.reason).toMatch(/native backend not installed.*using wasm/);
    }
  });

  test('an unknown backend name is an error listing the known ones', async () => {
    await expect(initBackend({ force: 'gpu', log: null })).rejects.toThrow(
      /"gpu" is not a tfjs backend.*tensorflow, wasm, cpu/,
    );
  });

  test('a forced backend that is not available names the available ones', async () => {
    if (nativeInstalled()) {
      const info = await initBackend({ force: 'tensorflow', log: null });
      expect(info.name).toBe('tensorflow');
    } else {
      await expect(initBackend({ force: 'tensorflow', log: null })).rejects.toThrow(
        /forced backend "tensorflow" is not available.*Available here: wasm, cpu/,
      );
    }
  });

  test('COURSE_BACKEND forces a backend', async () => {
    process.env.COURSE_BACKEND = 'cpu';
    try {
      const info = await initBackend({ log: null });
      expect(info).toMatchObject({ name: 'cpu', forced: true });
      expect(tf.getBackend()).toBe('cpu');
    } finally {
      delete process.env.COURSE_BACKEND;
    }
  });
});

describe('wasm backend closes the training gaps', () => {
  beforeAll(async () => {
    await initBackend({ force: 'wasm', log: null });
  });

  test('the gradient of gather (UnsortedSegmentSum) equals the cpu result', async () => {
    const table = [[1, 2], [3, 4], [5, 6]];
    const ids = [2, 0, 2, 2, 1];
    const weights = [[1, -1], [0.5, 2], [3, 0], [-2, 1], [1, 1]];
    const gradOn = async (backend: string) => {
      await tf.setBackend(backend);
      const g = tf.grad((t: tf.Tensor) =>
        tf.gather(t, tf.tensor1d(ids, 'int32')).mul(tf.tensor2d(weights)).sum(),
      )(tf.tensor2d(table));
      return g.arraySync();
    };
    const onWasm = await gradOn('wasm');
    const onCpu = await gradOn('cpu');
    await tf.setBackend('wasm');
    // rows: id 0 <- weights[1]; id 1 <- weights[4]; id 2 <- weights[0] + weights[2] + weights[3]
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    expect(onCpu).toEqual([[0.5, 2], [1, 1], [2, 0]]);
    expect(onWasm).toEqual(onCpu);
  });

  test('matMul with transposed operands (the wrapped wasm kernels) equals the cpu result, and frees its copies', async () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[5, 3], [3, 4], false, false],
      [[3, 5], [3, 4], true, false],
      [[5, 3], [4, 3], false, true],
      [[3, 5], [4, 3], true, true],
      [[2, 3, 5], [2, 4, 3], true, true], // batched
      [[2, 5, 3], [1, 4, 3], false, true], // batch dimension broadcast
    ];
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map(([sa, sb, ta, tb], i) =>
        tf.tidy(() => {
          const a = tf.randomNormal(sa, 0, 1, 'float32', 10 + i);
          const b = tf.randomNormal(sb, 0, 1, 'float32', 20 + i);
          const bias = tf.randomNormal([sb[tb ? sb.length - 2 : sb.length - 1]], 0, 1, 'float32', 30 + i);
          const plain = tf.matMul(a, b, ta, tb).arraySync();
          // (tfjs-wasm's own fused kernel adds the bias wrongly on batched operands, transposed or
          // not: the fused product is compared on 2-D operands only.)
          const fused = sa.length === 2 ? tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation: 'relu' }).arraySync() : [];
          // The gradient of a product is a product with transposed operands (tfjs' gradient does
          // not reduce a broadcast batch dimension, so only for equal batch shapes).
          if (sa.length === 3 && sa[0] !== sb[0]) return { plain, fused, ga: [], gb: [] };
          const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, ta, tb))))([a, b]);
          return { plain, fused, ga: g[0].arraySync(), gb: g[1].arraySync() };
        }),
      );
    };
    const onCpu = await run('cpu');
    await tf.setBackend('wasm');
    const be = tf.backend() as unknown as { numDataIds(): number };
    const ids = be.numDataIds();
    const onWasm = await run('wasm');
    expect(be.numDataIds()).toBe(ids); // the transposed copies are freed
    const close = (x: unknown, y: unknown) => {
      const [u, v] = [(x as number[]).flat(3), (y as number[]).flat(3)];
      expect(u.length).toBe(v.length);
      expect(Math.max(0, ...u.map((e, k) => Math.abs(e - v[k])))).toBeLessThan(1e-4);
    };
    onWasm.forEach((r, i) => {
      close(r.plain, onCpu[i].plain);
      close(r.fused, onCpu[i].fused);
      close(r.ga, onCpu[i].ga);
      close(r.gb, onCpu[i].gb);
    });
  });

  // The library's Slice, SplitV and GatherV2 kernels for wasm (copies straight from the heap) against cpu.
  const onBothBackends = async <T extends tf.TensorContainer>(f: () => T): Promise<{ wasm: T; cpu: T }> => {
    await tf.setBackend('cpu');
    const cpu = tf.tidy(f);
    await tf.setBackend('wasm');
    const be = tf.backend() as unknown as { numDataIds(): number };
    const ids = be.numDataIds();
    const wasm = tf.tidy(f);
    expect(be.numDataIds()).toBe(ids); // nothing left behind
    return { wasm, cpu };
  };

  test.each([
    // [shape, begin, size, dtype]: one row per kind of run
    [[10], [3], [4], 'float32'],
    [[4, 5], [1, 0], [2, 5], 'float32'],            // whole rows: one contiguous run
    [[4, 5], [1, 2], [3, 2], 'int32'],              // part of each row
    [[3, 5, 4], [0, 4, 0], [3, 1, 4], 'float32'],   // the last step of a sequence
    [[3, 5, 4], [0, 0, 0], [3, 4, 4], 'float32'],   // all steps but the last
    [[3, 5, 4], [1, 2, 1], [2, 2, 2], 'float32'],
    [[2, 3, 4, 5], [1, 0, 2, 1], [1, 3, 2, -1], 'int32'], // size -1: to the end
    [[3, 5, 4], [0, 0, 0], [3, 5, 4], 'float32'],   // everything
    [[3, 0, 4], [0, 0, 0], [3, 0, 4], 'float32'],   // empty
  ] as [number[], number[], number[], 'float32' | 'int32'][])('Slice of %j from %j size %j (%s) equals the cpu result', async (shape, begin, size, dtype) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await onBothBackends(() =>
      tf.slice(tf.tensor(Array.from({ length: n }, (_, i) => i * 3 - 7), shape, dtype), begin, size).arraySync(),
    );
    expect(wasm).toEqual(cpu);
  });

  test.each([
    // [shape, sizes, axis]: per-step and per-gate splits, uneven pieces, a middle axis
    [[6, 4], [2, 2, 2], 0],
    [[3, 8], [2, 2, 2, 2], 1],
    [[3, 9], [6, 3], 1],
    [[2, 5, 3], [1, 4], 1],
    [[2, 3, 4], 2, 2],
  ] as [number[], number[] | number, number][])('SplitV of %j into %j along axis %d equals the cpu result, with its gradient', async (shape, sizes, axis) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await onBothBackends(() => {
      const x = tf.tensor(Array.from({ length: n }, (_, i) => (i % 11) - 4.5), shape);
      const value = tf.split(x, sizes, axis).map((t) => t.arraySync());
      const grad = tf.grad((t: tf.Tensor) => tf.addN(tf.split(t, sizes, axis).map((p, k) => tf.sum(tf.mul(p, k + 1)))))(x).arraySync();
      return { value, grad };
    });
    expect(wasm).toEqual(cpu);
  });

  test.each([
    // [shape, indices, axis]
    [[6, 3], [5, 0, 2, 2], 0],                      // an embedding lookup
    [[6, 3], [[1, 2], [0, 5]], 0],                  // indices [batch, time]
    [[2, 5, 3], [4, 1], 1],                         // a middle axis
    [[2, 5, 3], [2, 0, 2], 2],                      // the last axis
    [[4], [3, 3, 0], 0],
  ] as [number[], number[] | number[][], number][])('GatherV2 of %j at %j along axis %d equals the cpu result, with its gradient', async (shape, indices, axis) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await onBothBackends(() => {
      const x = tf.tensor(Array.from({ length: n }, (_, i) => (i % 7) - 2.5), shape);
      const idx = tf.tensor(indices, undefined, 'int32');
      const value = tf.gather(x, idx, axis).arraySync();
      const grad = tf.grad((t: tf.Tensor) => tf.gather(t, idx, axis).square().sum())(x).arraySync();
      return { value, grad };
    });
    expect(wasm).toEqual(cpu);
  });

  test('GatherV2 on wasm rejects an index out of range, naming it', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([3, 2]);
    const idx = tf.tensor1d([1, 3], 'int32');
    expect(() => tf.gather(x, idx)).toThrow(/index value 3 is not in \[0, 2\]/);
    tf.dispose([x, idx]);
  });

  test('setTransposeFreeMatMul switches between tfjs\' own wasm product and the transpose-first one', async () => {
    await tf.setBackend('wasm');
    const a = tf.randomNormal([6, 4], 0, 1, 'float32', 41);
    const b = tf.randomNormal([5, 4], 0, 1, 'float32', 42);
    const wrappedFn = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
    const withFix = tf.matMul(a, b, false, true);
    expect(setTransposeFreeMatMul(false)).toBe(true); // on since initBackend
    expect(tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc).not.toBe(wrappedFn);
    const stock = tf.matMul(a, b, false, true);
    expect(setTransposeFreeMatMul(true)).toBe(false);
    expect(tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc).toBe(wrappedFn);
    expect(tf.max(tf.abs(tf.sub(withFix, stock))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([a, b, withFix, stock]);
  });

  test('a model with tf.layers.embedding trains on wasm', async () => {
    expect(tf.getBackend()).toBe('wasm');
    // Seeded weights and no shuffling: the same run every time.
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 3,
          embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: 1 }) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 5, 9]]);
    const y = tf.tensor2d([[1], [0], [1], [0]]);
    const before = tf.memory().numTensors;
    const h = await model.fit(x, y, { epochs: 20, verbose: 0, shuffle: false });
    const losses = h.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.5);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2);
    tf.dispose([x, y]);
    model.dispose();
  });
});
