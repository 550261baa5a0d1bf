"""NumPy reference for bench/scratch-cells.mjs: the LSTM's forward and backward pass over a sequence,
the same maths as lib/src/scratch/lstm.ts (fused gates i, f, g, o; W [input, 4H], U [H, 4H], b [4H]),
float32, one BLAS thread (the caller sets OPENBLAS_NUM_THREADS=1), buffers allocated per call as
NumPy code usually does.

Settings as in scratch-cells.mjs: batch1 (batch 1, hidden 100, 65 one-hot inputs looked up as rows
of W, 25 steps) and batch32 (batch 32, hidden 128, dense input 65, 50 steps, input gradients too).
One iteration = forward + backward (all weight, bias and initial-state gradients). Throughput =
steps x batch per second: over all rounds (wall), the best and the median round (about 50 ms each),
and per CPU second of this process. Also the median round of the matrix products alone (products():
the same products on arrays of the same shapes), for bench/profile.mjs.

    /usr/bin/python3 bench/reference/numpy_lstm.py [--seconds=1.5]
Prints a line per setting and, last, one JSON object.
"""
import json
import sys
import time

import numpy as np

args = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--') and '=' in a)
SECONDS = float(args.get('seconds', '1.5'))
SETTINGS = [
    {'name': 'batch1', 'batch': 1, 'hidden': 100, 'inputs': 65, 'steps': 25, 'one_hot': True},
    {'name': 'batch32', 'batch': 32, 'hidden': 128, 'inputs': 65, 'steps': 50, 'one_hot': False},
]
f32 = np.float32


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def setup(s):
    rng = np.random.default_rng(1)
    B, H, D, T = s['batch'], s['hidden'], s['inputs'], s['steps']
    W = (rng.standard_normal((D, 4 * H)) * 0.1).astype(f32)     # [D, 4H]
    U = (rng.standard_normal((H, 4 * H)) * 0.1).astype(f32)     # [H, 4H]
    b = np.zeros(4 * H, f32)
    if s['one_hot']:
        xs = rng.integers(0, D, (T, B))                          # ids: x_t W is a row lookup
    else:
        xs = (rng.random((T, B, D)) * 2 - 1).astype(f32)          # [T, B, D]
    dhs = ((rng.random((T, B, H)) * 2 - 1) * 0.1).astype(f32)     # dL/dh_t from above
    h0, c0 = np.zeros((B, H), f32), np.zeros((B, H), f32)

    def run():
        hs, cs, gates = [h0], [c0], []
        for t in range(T):                                        # forward
            z = (W[xs[t]] if s['one_hot'] else xs[t] @ W) + hs[-1] @ U + b     # [B, 4H]
            i, f, o = sigmoid(z[:, :H]), sigmoid(z[:, H:2 * H]), sigmoid(z[:, 3 * H:])
            g = np.tanh(z[:, 2 * H:3 * H])
            c = f * cs[-1] + i * g
            h = o * np.tanh(c)
            gates.append((i, f, g, o))
            hs.append(h)
            cs.append(c)
        dW, dU, db = np.zeros_like(W), np.zeros_like(U), np.zeros_like(b)
        dxs = []
        dh, dc = np.zeros((B, H), f32), np.zeros((B, H), f32)
        for t in reversed(range(T)):                              # backward through time
            i, f, g, o = gates[t]
            dh = dh + dhs[t]
            tc = np.tanh(cs[t + 1])
            do = dh * tc
            dc = dc + dh * o * (1 - tc * tc)
            di, df, dg = dc * g, dc * cs[t], dc * i
            dz = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g * g), do * o * (1 - o)], axis=1)
            if s['one_hot']:
                np.add.at(dW, xs[t], dz)
            else:
                dW += xs[t].T @ dz
                dxs.append(dz @ W.T)
            dU += hs[t].T @ dz
            db += dz.sum(0)
            dh = dz @ U.T
            dc = dc * f
        return dW, dU, db, dh, dc, dxs

    return run


def products(s):
    """Only the matrix products of one iteration of setup(s)'s run, on arrays of the same shapes:
    what NumPy's BLAS does of the work (bench/profile.mjs compares the rest)."""
    rng = np.random.default_rng(3)
    B, H, D, T = s['batch'], s['hidden'], s['inputs'], s['steps']
    rand = lambda *shape: (rng.random(shape) * 2 - 1).astype(f32)
    W, U, x, h, dz = rand(D, 4 * H), rand(H, 4 * H), rand(B, D), rand(B, H), rand(B, 4 * H)

    def run():
        for t in range(T):                                        # forward
            if not s['one_hot']:
                x @ W
            h @ U
        for t in range(T):                                        # backward
            if not s['one_hot']:
                x.T @ dz
                dz @ W.T
            h.T @ dz
            dz @ U.T
    return run


def measure(run):
    warm_end, warm = time.perf_counter() + 0.3, 0
    while time.perf_counter() < warm_end:
        run()
        warm += 1
    per_round = max(1, round(warm * 50 / 300))
    rounds, iters, t0, c0 = [], 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - t0 < SECONDS or len(rounds) < 5:
        r0 = time.perf_counter()
        for _ in range(per_round):
            run()
        rounds.append((time.perf_counter() - r0) / per_round)
        iters += per_round
    return iters, time.perf_counter() - t0, time.process_time() - c0, min(rounds), sorted(rounds)[len(rounds) // 2]


results = {}
for s in SETTINGS:
    iters, seconds, cpu, best, median = measure(setup(s))
    steps = s['steps'] * s['batch']
    results[s['name']] = {'stepsPerSecond': round(iters * steps / seconds), 'stepsPerSecondBestRound': round(steps / best),
                          'stepsPerSecondMedianRound': round(steps / median), 'stepsPerCpuSecond': round(iters * steps / cpu)}
    products_median = measure(products(s))[4]
    r = results[s['name']]
    r['medianRoundMs'], r['productsMedianRoundMs'] = round(median * 1000, 3), round(products_median * 1000, 3)
    print(f"NumPy {np.__version__} LSTM {s['name']}: {r['stepsPerSecond']} steps/s (best round {r['stepsPerSecondBestRound']}, median round {r['stepsPerSecondMedianRound']})")
print(json.dumps({'numpy': np.__version__, 'results': results}))
