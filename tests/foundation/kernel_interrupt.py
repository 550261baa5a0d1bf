"""What a Jupyter kernel interrupt does to training running in tslab (used by interrupt.test.ts).

Starts the course kernel, trains with `trainModel` in an awaited cell, interrupts the kernel
and watches whether batches keep being processed, once with the library's SIGINT handling
(stopOnInterrupt: true) and once without it. Prints one JSON object with the observations.
"""
import json
import os
import sys
import time

from jupyter_client.manager import KernelManager

log_dir, cwd = sys.argv[1], sys.argv[2]

SETUP = """
import * as tf from "@tensorflow/tfjs";
import * as fs from "fs";
import { initBackend, trainModel, lastTrainResult } from "seqmodels";
await initBackend({ log: null });
const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: "tanh" }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: "adam", loss: "meanSquaredError" });
const x = tf.randomNormal([256, 4], 0, 1, "float32", 1);
const y = x.sum(1, true);
"""

TRAIN = """
await trainModel(model, x, y, { epochs: 100000, batchSize: 4, stopOnInterrupt: %s,
  callbacks: { onBatchEnd: () => fs.appendFileSync(%s, ".") } });
"""


def run(kc, code, timeout=60):
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(out)


def trial(kc, safe):
    log = os.path.join(log_dir, f"batches-{safe}.log")
    open(log, "w").close()
    msg_id = kc.execute(TRAIN % ("true" if safe else "false", json.dumps(log)))
    time.sleep(4)
    before = os.path.getsize(log)
    km.interrupt_kernel()
    t0 = time.time()
    while True:  # wait until the cell has ended
        msg = kc.get_iopub_msg(timeout=90)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            break
    cell_ended_after = time.time() - t0
    time.sleep(1.5)
    a = os.path.getsize(log)
    time.sleep(2.5)
    b = os.path.getsize(log)
    state = run(kc, 'console.log(JSON.stringify({ stopped: lastTrainResult()?.stopped, message: lastTrainResult()?.message }))')
    return {"batches_before_interrupt": before, "cell_ended_after_s": round(cell_ended_after, 2),
            "batches_after_interrupt_growth": b - a, "last_result": json.loads(state.strip().splitlines()[-1])}


km = KernelManager(kernel_name="tslab")
km.start_kernel(cwd=cwd)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
try:
    run(kc, SETUP)
    result = {"safe": trial(kc, True), "unsafe": trial(kc, False)}
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(result), flush=True)
os._exit(0)  # skip jupyter_client destructors, which print spurious errors at interpreter exit
