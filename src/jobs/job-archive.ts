/**
 * What a job's sandbox receives, root-owned and read-only (runtimes/code-archive.ts): the script
 * as the runtime's main file, and under job/ the context the helpers read: context.json (input
 * and variables), input.json, and one file per variable in vars/ (for bash, which has no JSON).
 */
import { codeArchive } from '../runtimes/code-archive.js';
import type { Runtime } from '../runtimes/runtime.js';

export function jobArchive(runtime: Runtime, job: { readonly script: string; readonly input: unknown; readonly variables: Readonly<Record<string, string>> }): Promise<Buffer> {
  const input = job.input === undefined ? null : job.input;
  const files = [
    { path: runtime.mainFile, content: Buffer.from(job.script, 'utf8') },
    { path: 'job/context.json', content: Buffer.from(JSON.stringify({ input, variables: job.variables }), 'utf8') },
    { path: 'job/input.json', content: Buffer.from(JSON.stringify(input), 'utf8') },
    ...Object.entries(job.variables).map(([name, value]) => ({ path: `job/vars/${name}`, content: Buffer.from(value, 'utf8') })),
  ];
  return codeArchive(files, Buffer.alloc(0));
}
