/** A run has no network: no interface but loopback, and connecting out fails at once. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext();
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

it('python cannot reach anything outside its sandbox', async () => {
  const code = [
    'import socket',
    'print(sorted(name for _, name in socket.if_nameindex()))',
    'for host in [("1.1.1.1", 53), ("172.17.0.1", 2375), ("deb.debian.org", 80)]:',
    '    try:',
    '        socket.create_connection(host, timeout=3)',
    '        print("CONNECTED", host)',
    '    except OSError as e:',
    '        print("refused", type(e).__name__)',
  ].join('\n');
  const view = await run(ctx, { language: 'python', code });
  expect(view.exitCode).toBe(0);
  expect(view.stdout.split('\n')[0]).toBe("['lo']");
  expect(view.stdout).not.toContain('CONNECTED');
  expect(view.stdout.match(/^refused/gm)).toHaveLength(3);
});
