/**
 * A unix socket in front of the engine's that counts the API calls passing through it (method and
 * path, ids folded), for the CPU split of the speed bench: how many engine calls a validation costs.
 * Tests use it too, to make the engine "go away" mid-run (`cut`): one proxy for both.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/[^ ?]*)[^ ]* HTTP\/1\.[01]\r\n/g;

export class CountingEngineProxy {
  readonly counts = new Map<string, number>();
  /** Container ids (full) seen in request paths. */
  readonly containers = new Set<string>();
  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly path: string,
  ) {}

  static async start(target = '/var/run/docker.sock'): Promise<CountingEngineProxy> {
    const path = join(await mkdtemp(join(tmpdir(), 'patchproof-count-')), 'docker.sock');
    const sockets = new Set<Socket>();
    let proxy: CountingEngineProxy | null = null;
    // Half-open: a client that ends its side (an exec's stdin sent whole) still reads the answer.
    const server = createServer({ allowHalfOpen: true }, (client) => {
      const upstream = createConnection({ path: target, allowHalfOpen: true });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      // Request heads are ASCII; a body that happens to hold one is rare enough for a bench.
      client.on('data', (chunk: Buffer) => {
        const text = chunk.toString('latin1');
        for (const m of text.matchAll(REQUEST_LINE)) proxy?.count(m[1] ?? '', m[2] ?? '');
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    proxy = new CountingEngineProxy(server, sockets, path);
    return proxy;
  }

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  private count(method: string, path: string): void {
    const id = /\/containers\/([0-9a-f]{64})(\/|$)/.exec(path)?.[1];
    if (id !== undefined) this.containers.add(id);
    const key = `${method} ${fold(path)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The engine "goes away": every connection is dropped and new ones are refused. */
  async cut(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  async stop(): Promise<void> {
    await this.cut();
    await rm(dirname(this.path), { recursive: true, force: true });
  }
}

/** /v1.41/containers/abc123/exec -> /containers/:id/exec */
function fold(path: string): string {
  return path
    .replace(/^\/v\d+\.\d+/, '')
    .replace(/^\/(containers|exec|volumes|images)\/[^/]+/, '/$1/:id');
}
