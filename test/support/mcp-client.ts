/** The SDK's own MCP client against our server, over stdio (the built CLI) or streamable HTTP, and reading its results. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { CLI } from './run-cli.js';

export interface StdioSession {
  readonly client: Client;
  readonly errors: Error[];
  stderr(): string;
  close(): Promise<void>;
}

export async function stdioSession(args: readonly string[], env: Record<string, string>): Promise<StdioSession> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...args], env: { ...inherited, ...env }, cwd: PACKAGE_ROOT, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'patchproof-test', version: '1.0.0' });
  const errors: Error[] = [];
  // Anything on stdout that is not a protocol message lands here.
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  return { client, errors, stderr: () => stderr, close: () => client.close() };
}

export async function httpClient(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'patchproof-test', version: '1.0.0' });
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** A tool call that collects the progress notifications it gets. */
export async function callWithProgress(client: Client, name: string, args: Record<string, unknown>) {
  const progress: Progress[] = [];
  const result = await client.callTool({ name, arguments: args }, undefined, { onprogress: (p) => progress.push(p), resetTimeoutOnProgress: true, maxTotalTimeout: 900_000 });
  return { result, progress };
}

const TextBlock = z.object({ type: z.literal('text'), text: z.string() });
const ToolResult = z.object({ isError: z.boolean().optional(), content: z.array(z.unknown()), structuredContent: z.record(z.string(), z.unknown()).optional() });

/** The structured content of a successful result, parsed by the view schema given. */
export function structured<T extends z.ZodType>(result: unknown, schema: T): z.infer<T> {
  const parsed = ToolResult.parse(result);
  if (parsed.isError === true) throw new Error(`tool failed: ${textOf(result)}`);
  return schema.parse(parsed.structuredContent);
}

/** The text blocks of a result, joined. */
export function textOf(result: unknown): string {
  return ToolResult.parse(result).content.map((c) => TextBlock.safeParse(c)).filter((c) => c.success).map((c) => c.data.text).join('\n');
}

export async function exampleChanges(name: 'good' | 'bad'): Promise<unknown> {
  return JSON.parse(await readFile(join(PACKAGE_ROOT, 'examples', 'proposals', `${name}.json`), 'utf8'));
}
