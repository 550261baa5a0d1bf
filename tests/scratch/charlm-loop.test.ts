/**
 * trainCharLM (trainModel over the text's windows, for notebooks 01-03) against its definition written
 * out (trainStep on each window, state reset at each pass), and sampleAfter against priming by hand.
 */
import { CharLanguageModel, primeState, sampleAfter, trainCharLM } from 'seqmodels/internals';

const text = 'to be or not to be, that is the question. '.repeat(6);
const chars = [...new Set(text)].sort();
const ids = Int32Array.from([...text].map((c) => chars.indexOf(c)));
const make = () => new CharLanguageModel({ cell: 'gru', vocabSize: chars.length, hiddenSize: 12, seqLen: 10, seed: 3 });

describe('trainCharLM', () => {
  test('same losses and weights as trainStep window by window over two epochs; callbacks awaited in order', async () => {
    const a = make(), b = make();
    const ref: number[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      a.resetState();
      for (let p = 0; p + 1 < ids.length; p += 10) {
        const len = Math.min(10, ids.length - 1 - p);
        ref.push(a.trainStep(ids.subarray(p, p + len), ids.subarray(p + 1, p + 1 + len)));
      }
    }
    const calls: string[] = [];
    const r = await trainCharLM(b, ids, {
      epochs: 2,
      onBatchEnd: async (batch) => { await Promise.resolve(); calls.push(`b${batch}`); },
      onEpochEnd: (epoch, logs) => { calls.push(`e${epoch}:${logs.loss.toFixed(6)}`); },
    });
    expect(r.losses).toEqual(ref);
    expect(r.stopped).toBe('epochs');
    expect(r.epochsDone).toBe(2);
    expect(r.characters).toBe(2 * (ids.length - 1));
    expect(Array.from(b.Wy.data)).toEqual(Array.from(a.Wy.data));
    const per = Math.ceil((ids.length - 1) / 10);
    expect(calls.length).toBe(2 * per + 2);
    expect(calls[per]).toBe(`e0:${(ref.slice(0, per).reduce((s, v) => s + v, 0) / per).toFixed(6)}`);
  });

  test('stops at the step limit and at the time budget', async () => {
    const r = await trainCharLM(make(), ids, { epochs: 5, maxSteps: 7 });
    expect([r.steps, r.stopped]).toEqual([7, 'maxSteps']);
    let t = 0;
    const s = await trainCharLM(make(), ids, { epochs: 5, seconds: 1, now: () => (t += 250) });
    expect(s.stopped).toBe('budget');
    // every clock read advances 250 ms: the 1 s budget runs out after a few windows of the first pass
    expect(s.steps).toBeGreaterThan(0);
    expect(s.steps).toBeLessThan(Math.ceil((ids.length - 1) / 10));
    expect(s.epochsDone).toBe(0);
    expect(s.message).toMatch(/time budget/);
  });
});

describe('sampleAfter', () => {
  test('equals sample() from the state primed by hand, and is reproducible', () => {
    const m = make();
    const prime = ids.subarray(0, 8);
    const { h, c } = primeState(m, prime.subarray(0, 7));
    const a = make().sample(prime[7], 20, { h, c, temperature: 0.7 });
    const b = sampleAfter(m, prime, 20, { temperature: 0.7 });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(() => sampleAfter(m, [], 3)).toThrow(/at least one/);
  });
});
