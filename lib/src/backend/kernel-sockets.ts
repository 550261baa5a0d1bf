/**
 * Make the tslab kernel's message sending safe under load.
 *
 * tslab sends every Jupyter message with zeromq's `socket.send(...)` without waiting for the
 * previous send on the same socket to finish. zeromq 6 allows one send in flight per socket
 * and throws "Socket is busy writing" (EBUSY) otherwise. On a busy machine, when a notebook
 * prints while a chart or a progress update is still being sent, that error kills the kernel
 * (seen here under load). `serializeSends` queues sends per socket, in order, so a send
 * starts only when the previous one has finished.
 */
import * as path from 'path';

interface Sendable {
  send(msg: unknown): Promise<void>;
}

const PATCHED = Symbol.for('seqmodels.serializedSend');
// The queue of each socket (zeromq's socket objects are not extensible: no property on them).
const chains = new WeakMap<object, Promise<void>>();

/**
 * Give `proto` a `send` that runs sends on one socket one after the other (idempotent). It is
 * defined on `proto` itself, shadowing an inherited `send` (zeromq's is read-only).
 */
export function serializeSends(proto: Sendable): void {
  const p = proto as Sendable & { [PATCHED]?: boolean };
  if (Object.prototype.hasOwnProperty.call(p, PATCHED)) return;
  const original = p.send;
  const send = function (this: Sendable, msg: unknown): Promise<void> {
    const previous = chains.get(this) ?? Promise.resolve();
    const next = previous.then(() => original.call(this, msg));
    chains.set(this, next.catch(() => undefined));
    return next.catch((e) => {
      // tslab does not look at the result: report instead of leaving an unhandled rejection.
      console.error(`[seqmodels] a kernel message could not be sent: ${(e as Error).message}`);
    });
  };
  Object.defineProperty(p, 'send', { value: send, writable: true, configurable: true });
  Object.defineProperty(p, PATCHED, { value: true });
}

/** True inside a tslab kernel process. */
export function inTslabKernel(): boolean {
  return /tslab/.test(process.argv[1] ?? '') && process.argv.includes('kernel');
}

/** In a tslab kernel, serialize the sends of the zeromq module that tslab itself uses. */
export function hardenKernelSockets(): boolean {
  if (!inTslabKernel()) return false;
  try {
    const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [process.argv[1]] }));
    const zmq = require(require.resolve('zeromq', { paths: [tslabDir] }));
    // The socket classes tslab uses (iopub, shell, control, stdin, heartbeat).
    const classes = ['Publisher', 'Router', 'Reply', 'Dealer'].map((name) => zmq[name]).filter(Boolean);
    for (const cls of classes) serializeSends(cls.prototype);
    return classes.length > 0;
  } catch (e) {
    if (process.env.SEQMODELS_DEBUG) console.error(e);
    return false;
  }
}
