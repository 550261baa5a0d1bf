/**
 * Make the tslab kernel's message sending safe under load.
 *
 * tslab sends every Jupyter message with zeromq's `socket.send(...)` without waiting for the
 * previous send on the same socket to finish. zeromq 6 allows one send in flight per socket
 * and throws "Socket is busy writing" (EBUSY) otherwise. On a busy machine, when a notebook
 * prints while a chart or a progress update is still being sent, that error kills the kernel
 * (seen here under load). `serializeSends` queues sends per socket, in order, so a send
 * starts only when the previous one has finished.
 *
 * Two things it must not do at shutdown (tests/foundation/kernel-sockets.test.ts): defer the
 * shutdown reply past the moment tslab closes the sockets, and report a failed send through
 * `console`, which tslab turns into another message: once the sockets were closed, each report
 * failed and asked for the next one, a loop that kept the kernel from exiting until Jupyter
 * killed it (2.5 s of every notebook run and kernel restart).
 */
import * as path from 'path';

interface Sendable {
  send(msg: unknown): Promise<void>;
  /** zeromq's sockets: true once closed (then a send throws). */
  readonly closed?: boolean;
}

const PATCHED = Symbol.for('seqmodels.serializedSend');

/** The sends of one socket: how many have started and not finished, and the last one's end. */
interface SendQueue {
  inFlight: number;
  last: Promise<void>;
}
// The queue of each socket (zeromq's socket objects are not extensible: no property on them).
const queues = new WeakMap<object, SendQueue>();

/** `start()` as a promise, also when it throws before returning one. */
function attempt(start: () => Promise<void>): Promise<void> {
  try {
    return Promise.resolve(start());
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * Give `proto` a `send` that runs sends on one socket one after the other (idempotent). It is
 * defined on `proto` itself, shadowing an inherited `send` (zeromq's is read-only). A send with
 * none in flight starts at once, in the caller's tick, as the unpatched one does: tslab sends
 * its shutdown reply and closes the sockets in the same tick, and a reply deferred to a later
 * tick would never leave (Jupyter then waits seconds before it kills the kernel).
 */
export function serializeSends(proto: Sendable): void {
  const p = proto as Sendable & { [PATCHED]?: boolean };
  if (Object.prototype.hasOwnProperty.call(p, PATCHED)) return;
  const original = p.send;
  const send = function (this: Sendable, msg: unknown): Promise<void> {
    let queue = queues.get(this);
    if (!queue) {
      queue = { inFlight: 0, last: Promise.resolve() };
      queues.set(this, queue);
    }
    const q = queue;
    // A message for a socket the kernel has closed (it is shutting down) has nowhere to go.
    const start = () => (this.closed ? Promise.resolve() : original.call(this, msg));
    const sent = q.inFlight === 0 ? attempt(start) : q.last.then(start);
    q.inFlight++;
    q.last = sent.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      q.inFlight--;
    });
    return sent.catch((e) => {
      // tslab does not look at the result: report instead of leaving an unhandled rejection.
      // Straight to the process's stderr: tslab turns console output into kernel messages,
      // and a report that itself cannot be sent must not ask for another one.
      process.stderr.write(`[seqmodels] a kernel message could not be sent: ${(e as Error).message}\n`);
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
