/**
 * Worker thread of the SIMD engine: runs blocks of batch rows (simd-part.ts) for the main thread.
 *
 * Protocol (simd-engine.ts is the other side): the main thread posts a request on `port` and
 * blocks in Atomics.wait on `flag`; this thread computes, posts the reply on `port`, then stores
 * the request's number in `flag` and notifies. The main thread reads the reply synchronously
 * (receiveMessageOnPort). Forward passes that will be back-propagated are kept by id through their
 * backward request until `inputGrads` (the input gradients, then released) or a `drop` (at most
 * KEEP of them; older ones are dropped).
 */
import { parentPort, MessagePort } from 'node:worker_threads';
import { BackwardRequest, ForwardRequest, PartState, backwardPart, finishPart, forwardPart, releaseWorkspace } from './simd-part';
import { setRelaxedSimdEnabled } from '../scratch/fast/simd-relaxed';

export type WorkerRequest = (
  | { op: 'forward'; seq: number; id: number; keep: boolean; req: ForwardRequest }
  | { op: 'backward'; seq: number; id: number; req: BackwardRequest }
  | { op: 'inputGrads'; seq: number; id: number }
  | { op: 'drop'; seq: number; id: number }
) & { relaxed?: boolean };   // the main thread's setRelaxedSimdEnabled, applied before the request

const KEEP = 16;

if (parentPort) {
  parentPort.once('message', (init: { port: MessagePort; flag: SharedArrayBuffer }) => {
    const { port } = init;
    const flag = new Int32Array(init.flag);
    const kept = new Map<number, PartState>();
    port.on('message', (msg: WorkerRequest) => {
      let reply: unknown;
      try {
        if (msg.relaxed !== undefined) setRelaxedSimdEnabled(msg.relaxed);
        if (msg.op === 'forward') {
          const { reply: r, state } = forwardPart(msg.req);
          if (msg.keep) {
            kept.set(msg.id, state);
            if (kept.size > KEEP) {
              const [oldest, s] = kept.entries().next().value as [number, PartState];
              kept.delete(oldest);
              releaseWorkspace(s.fwd.workspace);
            }
          } else {
            releaseWorkspace(state.fwd.workspace);
          }
          reply = { ok: r };
        } else if (msg.op === 'drop') {
          const state = kept.get(msg.id);
          kept.delete(msg.id);
          if (state) releaseWorkspace(state.fwd.workspace);
          reply = { ok: null };
        } else {
          const state = kept.get(msg.id);
          if (!state) throw new Error(`SIMD worker: no kept forward pass ${msg.id} (more than ${KEEP} forward passes awaited their backward pass)`);
          if (msg.op === 'inputGrads') {
            kept.delete(msg.id);
            reply = { ok: finishPart(state, true) };
          } else {
            // Kept after BPTT until the main thread asks for the input gradients or drops it.
            try {
              reply = { ok: backwardPart(state, msg.req) };
            } catch (e) {
              kept.delete(msg.id);
              throw e;
            }
          }
        }
      } catch (e) {
        reply = { error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(reply);
      Atomics.store(flag, 0, msg.seq);
      Atomics.notify(flag, 0);
    });
  });
}
