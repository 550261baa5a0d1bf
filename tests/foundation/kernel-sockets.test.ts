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
