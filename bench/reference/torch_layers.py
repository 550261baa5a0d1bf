"""PyTorch reference for bench/layers.mjs, setting (a): the same model, data shapes and optimizer.

One-hot input of 65 symbols, 40 steps, batch 64, 128 units; the last hidden state goes through a
dense layer to 65 logits, softmax cross-entropy against a random next symbol (the course's dense
softmax + categoricalCrossentropy), Adam with learning rate 1e-3. One thread
(torch.set_num_threads(1); the caller sets OPENBLAS_NUM_THREADS=1). Throughput is time steps per
second, batch * steps * batches / seconds, over warm batches (one warm-up batch, then at least
`seconds` of batches), as bench/layers.mjs measures the course's layers.

    /usr/bin/python3 bench/reference/torch_layers.py [--cells=lstm,gru,rnn] [--seconds=2]
Prints a line per cell and, last, one JSON object. torch_profile.py imports the model from here.
"""
import json
import sys
import time

import torch

args = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--') and '=' in a)
CELLS = args.get('cells', 'lstm,gru,rnn').split(',')
SECONDS = float(args.get('seconds', '2'))
VOCAB, STEPS, BATCH, UNITS = 65, 40, 64, 128

torch.set_num_threads(1)
torch.manual_seed(0)


class Model(torch.nn.Module):
    def __init__(self, cell):
        super().__init__()
        recurrent = {'lstm': torch.nn.LSTM, 'gru': torch.nn.GRU, 'rnn': torch.nn.RNN}[cell]
        self.rnn = recurrent(VOCAB, UNITS, batch_first=True)   # tanh for the plain RNN, as tf.layers
        self.dense = torch.nn.Linear(UNITS, VOCAB)

    def forward(self, x):                                    # x: [batch, steps, vocab]
        out, _ = self.rnn(x)                                 # [batch, steps, units]
        return self.dense(out[:, -1])                        # [batch, vocab] logits


def blas_library():
    """The BLAS this process loaded (from its memory map): openblas-pthread, or the reference BLAS."""
    try:
        with open('/proc/self/maps') as f:
            libs = {line.split()[-1] for line in f if 'blas' in line}
        return ', '.join(sorted(l.split('/x86_64-linux-gnu/')[-1] for l in libs)) or 'unknown'
    except OSError:
        return 'unknown'


def make_batch(cell):
    """One training batch of `cell`'s model (forward, loss, backward, Adam step), as a function."""
    model = Model(cell)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(7)
    ids = torch.randint(0, VOCAB, (BATCH, STEPS), generator=g)
    x = torch.nn.functional.one_hot(ids, VOCAB).float()
    y = torch.randint(0, VOCAB, (BATCH,), generator=g)

    def batch():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return batch


def throughput(cell):
    batch = make_batch(cell)
    batch()                                                  # warm-up
    n, t0, c0 = 0, time.perf_counter(), time.process_time()
    best = float('inf')
    while n < 2 or time.perf_counter() - t0 < SECONDS:
        b0 = time.perf_counter()
        batch()
        best = min(best, time.perf_counter() - b0)
        n += 1
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    steps = BATCH * STEPS * n
    return {'stepsPerSecond': round(steps / seconds), 'stepsPerCpuSecond': round(steps / cpu),
            'stepsPerSecondBestBatch': round(BATCH * STEPS / best), 'batches': n}


if __name__ == '__main__':
    results = {}
    for cell in CELLS:
        results[cell] = throughput(cell)
        r = results[cell]
        print(f"PyTorch {torch.__version__} {cell:4s} {r['stepsPerSecond']} steps/s (best batch {r['stepsPerSecondBestBatch']}, per CPU second {r['stepsPerCpuSecond']})")
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'blas': blas_library(), 'results': results}))
