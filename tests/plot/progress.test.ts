/**
 * Training progress: formatting (durations, rates), rate and time left with an injected
 * clock, throttling, the terminal and log views, the notebook view (an injected display
 * target standing in for tslab), and use as tf.LayersModel.fit callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import {
  DisplayTarget, ProgressSnapshot, ProgressView, TrainingProgress, figuresInHtml, formatBar, formatDuration,
  formatMetric, formatProgressLine, formatRate, resetPlotlyBundle, setDisplayTarget, trainingProgress,
} from '../../lib/src/plot';

/** A clock the test moves by hand (milliseconds). */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

/** A view that records what it was asked to show. */
function recorder(): ProgressView & { shown: ProgressSnapshot[] } {
  const shown: ProgressSnapshot[] = [];
  return { shown, render: (s) => { shown.push(s); } };
}

describe('formatDuration', () => {
  it.each([
    [0, '0:00'], [5, '0:05'], [59.4, '0:59'], [59.6, '1:00'], [61, '1:01'], [600, '10:00'],
    [3599, '59:59'], [3600, '1:00:00'], [3725, '1:02:05'], [undefined, '?'], [Infinity, '?'], [-1, '?'],
  ])('%p s -> %p', (s, text) => {
    expect(formatDuration(s as number | undefined)).toBe(text);
  });
});

describe('formatRate', () => {
  it.each([
    [250, '250 batch/s'], [12.345, '12.3 batch/s'], [1, '1.00 batch/s'], [3.14159, '3.14 batch/s'],
    [0.5, '2.00 s/batch'], [0.04, '25.0 s/batch'], [0.001, '1000 s/batch'], [0, '? batch/s'], [undefined, '? batch/s'],
  ])('%p per second -> %p', (r, text) => {
    expect(formatRate(r as number | undefined, 'batch')).toBe(text);
  });
});

describe('formatMetric and formatBar', () => {
  it.each([[1.23456, '1.2346'], [0, '0.0000'], [0.0001234, '1.234e-4'], [123456, '1.235e+5'], [NaN, 'NaN']])(
    '%p -> %p', (x, text) => expect(formatMetric(x)).toBe(text));
  it('fills the bar in proportion, clamped', () => {
    expect(formatBar(0.5, 10)).toBe('[#####-----]');
    expect(formatBar(0, 4)).toBe('[----]');
    expect(formatBar(1.7, 4)).toBe('[####]');
  });
});

describe('rate and time left', () => {
  it('averages over the run: rate = batches / seconds, time left = batches left / rate', async () => {
    const clock = fakeClock();
    const view = recorder();
    const p = new TrainingProgress({ epochs: 2, batchesPerEpoch: 10, view, now: clock.now, intervalMs: 0 });
    await p.onTrainBegin();
    for (let b = 0; b < 5; b++) {
      clock.advance(200); // 5 batches per second
      await p.onBatchEnd(b, { loss: 2 - 0.1 * b });
    }
    const s = p.snapshot();
    expect(s.elapsed).toBeCloseTo(1);
    expect(s.rate).toBeCloseTo(5);
    expect(s.eta).toBeCloseTo(3); // 15 batches left at 5/s
    expect(s.fraction).toBeCloseTo(0.25);
    expect(s.loss).toBeCloseTo(1.8); // mean of 2.0 .. 1.6
    expect(formatProgressLine(s)).toBe('epoch 1/2 · batch 5/10 · loss 1.8000 · 5.00 batch/s · 0:03 left · 0:01 elapsed');
  });

  it('learns batches per epoch from the first epoch; time left is unknown before', async () => {
    const clock = fakeClock();
    const p = new TrainingProgress({ epochs: 3, view: 'none', now: clock.now });
    for (let b = 0; b < 4; b++) { clock.advance(500); await p.onBatchEnd(b, { loss: 1 }); }
    expect(p.snapshot().eta).toBeUndefined();
    expect(formatProgressLine(p.snapshot())).toContain('batch 4/? · loss 1.0000 · 2.00 batch/s · ? left');
    await p.onEpochEnd(0, { loss: 1, val_loss: 1.5 });
    const s = p.snapshot();
    expect(s.batchesPerEpoch).toBe(4);
    expect(s.eta).toBeCloseTo(4); // 8 batches left at 2/s
    expect(formatProgressLine(s)).toBe('epoch 2/3 · batch 0/4 · loss 1.0000 · val_loss 1.5000 · 2.00 batch/s · 0:04 left · 0:02 elapsed');
  });

  it('a loop that reports only epochs gets an epoch rate', async () => {
    const clock = fakeClock();
    const p = new TrainingProgress({ epochs: 10, view: 'none', now: clock.now });
    clock.advance(4000);
    await p.onEpochEnd(0, { loss: 3 });
    clock.advance(4000);
    await p.onEpochEnd(1, { loss: 2 });
    const s = p.snapshot();
    expect(s.rateUnit).toBe('epoch');
    expect(formatRate(s.rate, s.rateUnit)).toBe('4.00 s/epoch');
    expect(formatDuration(s.eta)).toBe('0:32');
    expect(formatProgressLine(s)).toBe('epoch 3/10 · loss 2.0000 · 4.00 s/epoch · 0:32 left · 0:08 elapsed');
  });
});

describe('throttling', () => {
  it('renders at most every intervalMs, always renders the end, and nothing after it', async () => {
    const clock = fakeClock();
    const view = recorder();
    const p = trainingProgress({ epochs: 1, batchesPerEpoch: 100, view, now: clock.now, intervalMs: 500 });
    for (let b = 0; b < 100; b++) { clock.advance(20); await p.onBatchEnd(b, { loss: 1 }); } // 2 s in all
    // first batch, then one every 500 ms: at 20, 520, 1020, 1520 ms
    expect(view.shown.map((s) => s.batchesDone)).toEqual([1, 26, 51, 76]);
    await p.onEpochEnd(0, { loss: 1 }); // the last epoch: shown at once, done
    expect(view.shown).toHaveLength(5);
    expect(view.shown[4]).toMatchObject({ done: true, fraction: 1, eta: 0 });
    await p.onTrainEnd();
    expect(view.shown).toHaveLength(5);
    expect(formatProgressLine(view.shown[4])).toBe('done: 1 epoch in 0:02 · loss 1.0000 · 50.0 batch/s');
  });

  it('shows a skipped update once the interval has passed, with no further callback', async () => {
    const view = recorder();
    const clock = fakeClock(); // stands still: the second batch is always too soon
    const p = trainingProgress({ view, intervalMs: 30, now: clock.now });
    await p.onBatchEnd(0, { loss: 1 });
    await p.onBatchEnd(1, { loss: 1 }); // skipped: too soon
    expect(view.shown.map((s) => s.batchesDone)).toEqual([1]);
    await new Promise((r) => setTimeout(r, 80));
    expect(view.shown.map((s) => s.batchesDone)).toEqual([1, 2]);
    await p.onTrainEnd();
  });
});

describe('terminal and log views', () => {
  it('a TTY gets one line redrawn with \\r, and a newline at the end', async () => {
    const clock = fakeClock();
    const written: string[] = [];
    const out = { isTTY: true, columns: 200, write: (s: string) => written.push(s) };
    const p = trainingProgress({ epochs: 1, batchesPerEpoch: 2, out, now: clock.now, title: 'gru' });
    clock.advance(1000); await p.onBatchEnd(0, { loss: 0.5 });
    clock.advance(1000); await p.onBatchEnd(1, { loss: 0.3 });
    await p.onEpochEnd(0, { loss: 0.4 });
    expect(written[0]).toBe('\rgru [############------------]  50% epoch 1/1 · batch 1/2 · loss 0.5000 · 1.00 batch/s · 0:01 left · 0:01 elapsed\x1b[K');
    expect(written[written.length - 1]).toMatch(/^\rgru \[#{24}\] 100% done: 1 epoch in 0:02 · loss 0.4000 · 1.00 batch\/s\x1b\[K\n$/);
  });

  it('a pty that reports 0 columns still gets whole lines (120 columns assumed)', async () => {
    const written: string[] = [];
    const p = trainingProgress({ epochs: 1, out: { isTTY: true, columns: 0, write: (s: string) => written.push(s) } });
    await p.onEpochEnd(0, { loss: 1 });
    expect(written[0]).toContain('done: 1 epoch in 0:00');
  });

  it('a log (not a TTY) gets full lines, at most one per 10 s, and the last', async () => {
    const clock = fakeClock();
    const written: string[] = [];
    const out = { isTTY: false, write: (s: string) => written.push(s) };
    const p = trainingProgress({ epochs: 30, out, now: clock.now });
    for (let e = 0; e < 30; e++) { clock.advance(1000); await p.onEpochEnd(e, { loss: 1 }); }
    expect(written).toHaveLength(4); // at 1 s, 11 s, 21 s, and done at 30 s
    expect(written.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(written[3]).toContain('done: 30 epochs in 0:30');
  });
});

describe('notebook view', () => {
  /** Stands in for tslab: `display` appends an output, `newDisplay()` one that is overwritten. */
  function fakeNotebook() {
    const outputs: Array<{ html: string; updates: number }> = [];
    const target: DisplayTarget = {
      display: { html: (s) => { outputs.push({ html: s, updates: 0 }); } },
      newDisplay: () => {
        let mine: { html: string; updates: number } | undefined;
        return { html: (s) => {
          if (mine) { mine.html = s; mine.updates += 1; } else { mine = { html: s, updates: 0 }; outputs.push(mine); }
        } };
      },
    };
    return { outputs, target };
  }
  afterEach(() => setDisplayTarget(undefined));

  it('emits the bundle once as its own output, then overwrites one output with line and curve', async () => {
    resetPlotlyBundle();
    const nb = fakeNotebook();
    setDisplayTarget(nb.target);
    const clock = fakeClock();
    const p = trainingProgress({ epochs: 2, batchesPerEpoch: 3, now: clock.now, title: 'LSTM <1>' });
    for (let e = 0; e < 2; e++) {
      for (let b = 0; b < 3; b++) { clock.advance(600); await p.onBatchEnd(b, { loss: 2 - e - b / 10 }); }
      await p.onEpochEnd(e, { loss: 1.9 - e, val_loss: 2 - e });
    }
    expect(nb.outputs).toHaveLength(2);
    expect(nb.outputs[0].html).toContain('data-seqmodels-plotly="bundle"');
    const live = nb.outputs[1];
    expect(live.html).not.toContain('data-seqmodels-plotly="bundle"');
    expect(live.updates).toBe(7); // 6 batches and the final epoch end (the first epoch end comes within 500 ms)
    expect(live.html).toContain('<div style="font-weight:bold;">LSTM &lt;1&gt;</div>');
    expect(live.html).toContain('<progress value="1.0000" max="1"');
    expect(live.html).toContain('done: 2 epochs in 0:04 · loss 0.9000 · val_loss 1.0000 · 1.67 batch/s');
    // the final render says why the chart is missing where scripts do not run (untrusted notebook)
    expect(live.html).toContain('if this text stays, scripts did not run');
    const [fig] = figuresInHtml(live.html);
    expect(fig.data.map((t) => t.name)).toEqual(['batch loss', 'loss (epoch)', 'val_loss (epoch)']);
    expect(fig.data[0].x).toEqual([1 / 3, 2 / 3, 1, 1 + 1 / 3, 1 + 2 / 3, 2]);
    expect(fig.data[2]).toMatchObject({ x: [1, 2], y: [2, 1] });
    expect(fig.layout).toMatchObject({ xaxis: { range: [0, 2] } });
  });

  it('a second run in the same process does not emit the bundle again', () => {
    const nb = fakeNotebook();
    setDisplayTarget(nb.target);
    trainingProgress({ epochs: 1 });
    expect(nb.outputs).toHaveLength(1);
    expect(nb.outputs[0].html).not.toContain('data-seqmodels-plotly');
  });
});

describe('as tf.LayersModel.fit callbacks', () => {
  it('fit calls the bound methods; the progress sees every batch and epoch', async () => {
    const view = recorder();
    const progress = trainingProgress({ epochs: 3, view, intervalMs: 0 });
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([8, 2]);
    const y = tf.ones([8, 1]);
    await model.fit(x, y, { epochs: 3, batchSize: 4, validationSplit: 0.25, callbacks: progress });
    const last = view.shown[view.shown.length - 1];
    expect(last).toMatchObject({ done: true, epochsDone: 3, batchesDone: 6, batchesPerEpoch: 2 });
    expect(Object.keys(last.lastEpochLogs).sort()).toEqual(['loss', 'val_loss']);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('batches per epoch from samples and batch size', () => {
  it('gives a time left from the first batch', async () => {
    const clock = fakeClock();
    const p = trainingProgress({ epochs: 2, samples: 100, batchSize: 32, view: 'none', now: clock.now });
    clock.advance(1000);
    await p.onBatchEnd(0, { loss: 1 });
    expect(p.snapshot()).toMatchObject({ batchesPerEpoch: 4, eta: 7 });
  });
});
