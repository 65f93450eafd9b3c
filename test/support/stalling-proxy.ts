/**
 * A unix socket in front of the real engine's that stops answering one chosen call: the request
 * is passed on to the engine, but its answer is never read (the engine is left writing into a
 * connection nobody reads, as a stuck client leaves it) nor passed back. Everything else is
 * relayed as is. When the client gives up and closes its connection, the one to the engine is
 * closed too, as the engine would see from a real client.
 */
import { mkdtemp } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/;

export class StallingProxy {
  /** The request lines of the calls that were stalled, in order. */
  readonly stalled: string[] = [];

  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly path: string,
  ) {}

  /** Stalls the first `times` requests whose method and path match `call` (e.g. /^GET \/[^ ]*\/archive/). */
  static async start(call: RegExp, times = 1, target = '/var/run/docker.sock'): Promise<StallingProxy> {
    const path = join(await mkdtemp(join(tmpdir(), 'patchproof-stall-')), 'docker.sock');
    const sockets = new Set<Socket>();
    let proxy: StallingProxy | undefined;
    // Half-open: a client that ends its side (an exec's stdin sent whole) still reads the answer.
    const server = createServer({ allowHalfOpen: true }, (client) => {
      const upstream = createConnection({ path: target, allowHalfOpen: true });
      let stalled = false;
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
      client.on('close', () => {
        sockets.delete(client);
        upstream.destroy();
      });
      upstream.on('close', () => {
        sockets.delete(upstream);
        if (!stalled) client.destroy();
      });
      client.on('data', (chunk: Buffer) => {
        const line = REQUEST_LINE.exec(chunk.subarray(0, 2048).toString('latin1'));
        if (!stalled && line !== null && proxy !== undefined && proxy.stalled.length < times && call.test(`${line[1]} ${line[2]}`)) {
          stalled = true;
          proxy.stalled.push(`${line[1]} ${line[2]}`);
          // Not read: the engine's writes block once the socket's buffers are full.
          upstream.pause();
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!stalled) client.write(chunk);
      });
      // A stalled request's client gave up: the engine must see its connection go, as it did before half-open.
      client.on('end', () => (stalled ? upstream.destroy() : upstream.end()));
      upstream.on('end', () => {
        if (!stalled) client.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    proxy = new StallingProxy(server, sockets, path);
    return proxy;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}
