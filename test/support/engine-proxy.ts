/**
 * A unix socket that forwards to the real engine's, and can be cut: to the worker behind it, the
 * engine stops answering mid-run (open connections dropped, new ones refused).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class EngineProxy {
  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly path: string,
  ) {}

  static async start(target = '/var/run/docker.sock'): Promise<EngineProxy> {
    const path = join(await mkdtemp(join(tmpdir(), 'patchproof-proxy-')), 'docker.sock');
    const sockets = new Set<Socket>();
    // Half-open: a client that ends its side (an exec's stdin sent whole) still reads the answer.
    const server = createServer({ allowHalfOpen: true }, (client) => {
      const upstream = createConnection({ path: target, allowHalfOpen: true });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    return new EngineProxy(server, sockets, path);
  }

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  /** The engine "goes away": every connection is dropped and the socket removed. */
  async cut(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}
