// Sends on one zeromq socket are queued, so tslab never hits "Socket is busy writing".
import { serializeSends } from 'seqmodels/internals';

class FakeSocket {
  busy = false;
  sent: string[] = [];
  async send(msg: unknown): Promise<void> {
    if (this.busy) throw Object.assign(new Error('Socket is busy writing; only one send operation may be in progress at any time'), { code: 'EBUSY' });
    this.busy = true;
    await new Promise((r) => setTimeout(r, 2));
    this.sent.push(String(msg));
    this.busy = false;
  }
}

test('unpatched, a second send while one is in flight fails (what kills the kernel)', async () => {
  class Raw extends FakeSocket {}
  const s = new Raw();
  const first = s.send('a');
  await expect(s.send('b')).rejects.toThrow(/busy writing/);
  await first;
});

test('patched, sends fired together all go out, in order', async () => {
  class Base extends FakeSocket {}
  Object.defineProperty(Base.prototype, 'send', { value: FakeSocket.prototype.send, writable: false }); // read-only, as in zeromq
  class Queued extends Base {}
  serializeSends(Queued.prototype as any);
  serializeSends(Queued.prototype as any); // idempotent
  const s = Object.preventExtensions(new Queued()); // like zeromq's sockets
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((m) => s.send(m)));
  expect(s.sent).toEqual(['a', 'b', 'c', 'd', 'e']);
  const other = new Queued(); // the queue is per socket
  await Promise.all([other.send('x'), s.send('f'), other.send('y')]);
  expect(other.sent).toEqual(['x', 'y']);
  expect(s.sent.slice(-1)).toEqual(['f']);
});

test('in a tslab kernel process, the real zeromq socket classes get the queue', () => {
  const { spawnSync } = require('child_process');
  const path = require('path');
  const root = path.resolve(__dirname, '..', '..');
  const r = spawnSync(process.execPath, ['-e', `
    process.argv[1] = require.resolve('tslab/bin/tslab'); process.argv.push('kernel');
    const k = require('./lib/dist/backend/kernel-sockets.js');
    const zmq = require('zeromq');
    console.log(JSON.stringify({ patched: k.hardenKernelSockets(), own: ['Publisher', 'Router', 'Reply'].map((c) => Object.prototype.hasOwnProperty.call(zmq[c].prototype, 'send')) }));
  `], { cwd: root, encoding: 'utf8' });
  expect(JSON.parse(r.stdout.trim())).toEqual({ patched: true, own: [true, true, true] });
});

test('patched, a send with none in flight starts in the caller\'s tick, so a reply sent just before close() goes out', async () => {
  // tslab answers shutdown_request with a reply and closes its sockets in the same tick.
  const s = new (closableQueued())();
  const reply = s.send('shutdown_reply');
  expect(s.started).toEqual(['shutdown_reply']);   // started before send() returned
  s.closed = true;                                   // what tslab does next
  await reply;
  expect(s.sent).toEqual(['shutdown_reply']);
  // Behind a send in flight, a send waits its turn.
  s.closed = false;
  const a = s.send('a');
  const b = s.send('b');
  expect(s.started).toEqual(['shutdown_reply', 'a']);
  await Promise.all([a, b]);
  expect(s.sent).toEqual(['shutdown_reply', 'a', 'b']);
});

test('patched, after close() messages are dropped, and a failed send is reported without a kernel message (no loop)', async () => {
  const s = new (closableQueued())();
  // In a tslab kernel, console output becomes a message on the kernel's sockets.
  const consoleSends = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    void s.send(`stream: ${args.join(' ')}`);
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const c = s.send('c');
    const d = s.send('d');                           // queued behind c
    s.closed = true;                                 // tslab's close() while d waits
    await Promise.all([c, d, s.send('e')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(s.sent).toEqual(['c']);
    expect(s.attemptsWhileClosed).toBe(0);           // d and e never reached the closed socket
    s.closed = false;
    s.failNext = 'Socket is busy writing';
    await s.send('f');
    await new Promise((r) => setTimeout(r, 20));
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/could not be sent: Socket is busy writing/));
    expect(consoleSends).not.toHaveBeenCalled();
    expect(s.started).toEqual(['c', 'f']);
  } finally {
    consoleSends.mockRestore();
    stderr.mockRestore();
  }
});

/** A socket class like zeromq's (`closed`, a send that fails once closed), with the queue. */
function closableQueued() {
  class Closable {
    closed = false;
    failNext: string | null = null;
    attemptsWhileClosed = 0;
    started: string[] = [];
    sent: string[] = [];
    send(msg: unknown): Promise<void> {
      if (this.closed) {
        this.attemptsWhileClosed++;
        return Promise.reject(new Error('Socket is closed'));
      }
      this.started.push(String(msg));
      if (this.failNext) {
        const m = this.failNext;
        this.failNext = null;
        return Promise.reject(new Error(m));
      }
      return new Promise<void>((r) => setTimeout(r, 2)).then(() => {
        this.sent.push(String(msg));
      });
    }
  }
  class Queued extends Closable {}
  serializeSends(Queued.prototype as any);
  return Queued;
}
