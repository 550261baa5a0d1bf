"""PyTorch reference for bench/kernels.mjs: GMAC/s (10^9 multiply-adds per second) of torch.mm on one
thread at the fast LSTM's per-step shapes, the products PyTorch's own LSTM runs on its BLAS
(OpenBLAS with libopenblas0-pthread: 256-bit AVX2/AVX-512 fused multiply-adds, where WebAssembly
has 128-bit vectors). Best single call over many, as bench/kernels.mjs measures the course's kernel.

    /usr/bin/python3 bench/reference/torch_gemm.py --shapes=m,n,k,t;m,n,k,t;...   (t: 1 = Aᵀ·B)
Prints a line per shape and, last, one JSON object.
"""
import json
import sys
import time

import torch

args = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--') and '=' in a)
torch.set_num_threads(1)
results = []
for spec in args['shapes'].split(';'):
    m, n, k, trans_a = (int(v) for v in spec.split(','))
    a = torch.randn(k, m).t() if trans_a else torch.randn(m, k)   # Aᵀ·B reads A [k, m] transposed
    b, c = torch.randn(k, n), torch.empty(m, n)
    for _ in range(50):
        torch.mm(a, b, out=c)
    best = float('inf')
    for _ in range(2000):
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        best = min(best, time.perf_counter() - t0)
    gmac = m * n * k / best / 1e9
    results.append(round(gmac, 1))
    print(f'torch.mm {m} x {k} times {k} x {n}{" (A transposed)" if trans_a else ""}: {gmac:.1f} GMAC/s')
print(json.dumps({'torch': torch.__version__, 'gmacPerSecond': results}))
