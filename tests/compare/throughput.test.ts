/** measureThroughput with a fake clock, and the from-scratch memory model learning a short lag. */
import { MemoryModel, measureThroughput, trainMemoryModel } from 'seqmodels';

test('steps per second from a fake clock: warm-up excluded', async () => {
  let t = 0;
  const res = await measureThroughput(() => { t += 10; }, { stepsPerCall: 50, budgetMs: 100, warmupCalls: 1, now: () => t });
  expect(res.warmupSeconds).toBeCloseTo(0.01);
  expect(res.calls).toBe(10);
  expect(res.stepsPerSecond).toBeCloseTo(5000);
});

test.each(['rnn', 'lstm', 'gru'] as const)('%s learns to recall a symbol over a lag of 3', async (cell) => {
  const m = new MemoryModel({ cell, lag: 3, hiddenSize: 16, symbols: 4, seed: 2 });
  const before = m.evaluate(256);
  await trainMemoryModel(m, { maxSteps: 150 });
  const after = m.evaluate(256);
  expect(after.loss).toBeLessThan(before.loss);
  expect(after.accuracy).toBeGreaterThan(0.9);
  m.release();                          // buffers dropped, made again on demand
  const g = m.gradientNorms(8);
  expect(g.h).toHaveLength(5);
  expect(m.evaluate(256).accuracy).toBe(after.accuracy);
});

test('the adding problem runs and reports MSE; its baseline is 1/6', async () => {
  const m = new MemoryModel({ cell: 'gru', task: 'adding', lag: 6, hiddenSize: 8, seed: 3 });
  await trainMemoryModel(m, { maxSteps: 5 });
  const s = m.evaluate(64);
  expect(s.mse).toBeCloseTo(s.loss);
  expect(m.baseline).toBeCloseTo(1 / 6);
});
