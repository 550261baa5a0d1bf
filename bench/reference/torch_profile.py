"""Where PyTorch's training batch spends its time, setting (a) of bench/layers.mjs, one thread.

The same model, data and optimizer as torch_layers.py (imported from it). For each cell: the
wall time of a warm batch without the profiler, then torch.autograd.profiler over the same
batches, which times every operator; the matrix products are the operators that multiply
matrices (aten::mm, aten::addmm, aten::bmm, ...), timed on their own (self time). The rest of
the batch (elementwise gate maths, copies and concatenations, autograd's bookkeeping, Adam) is
the unprofiled batch time minus the products: the profiler's own cost per operator would
otherwise count as PyTorch's.

    /usr/bin/python3 bench/reference/torch_profile.py [--cells=lstm,gru] [--batches=20]
Prints a line per cell and, last, one JSON object.
"""
import json
import sys
import time

import torch

from torch_layers import BATCH, STEPS, make_batch, blas_library

args = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--') and '=' in a)
CELLS = args.get('cells', 'lstm,gru').split(',')
BATCHES = int(args.get('batches', '20'))
PRODUCTS = {'aten::mm', 'aten::addmm', 'aten::bmm', 'aten::baddbmm', 'aten::addmv', 'aten::mv', 'aten::dot'}

torch.set_num_threads(1)
torch.manual_seed(0)


def profile(cell):
    batch = make_batch(cell)
    for _ in range(3):                                      # warm-up
        batch()
    t0 = time.perf_counter()
    for _ in range(BATCHES):
        batch()
    ms = (time.perf_counter() - t0) / BATCHES * 1000
    with torch.autograd.profiler.profile() as prof:
        for _ in range(BATCHES):
            batch()
    events = prof.key_averages()
    per_batch = lambda e: e.self_cpu_time_total / BATCHES / 1000   # µs in total -> ms per batch
    products = sum(per_batch(e) for e in events if e.key in PRODUCTS)
    calls = sum(e.count for e in events if e.key in PRODUCTS) // BATCHES
    top = sorted(events, key=lambda e: -e.self_cpu_time_total)[:8]
    return {'msPerBatch': round(ms, 2), 'productsMs': round(products, 2), 'productCalls': calls,
            'restMs': round(ms - products, 2),
            'topOperators': [[e.key, round(per_batch(e), 3)] for e in top]}


results = {}
for cell in CELLS:
    r = results[cell] = profile(cell)
    print(f"PyTorch {torch.__version__} {cell:4s} {r['msPerBatch']} ms/batch: matrix products "
          f"{r['productsMs']} ms ({r['productCalls']} calls), the rest {r['restMs']} ms")
print(json.dumps({'torch': torch.__version__, 'blas': blas_library(), 'batch': BATCH, 'steps': STEPS,
                  'results': results}))
