/**
 * The host's extra CA certificates as one PEM file for the image's builder stage: npm is reached
 * through a TLS-intercepting proxy on machines like this one, and the proxy's CA is trusted by
 * the host through /usr/local/share/ca-certificates. An empty file when there are none, so the
 * Dockerfile's COPY always has its source.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateFile } from '../../images/build-context.js';

export const HOST_CA_DIR = '/usr/local/share/ca-certificates';
/** The name the template's Dockerfile COPYs. */
export const BUILD_CA_FILE = 'build-ca.crt';

export async function hostCaBundle(dir: string = HOST_CA_DIR): Promise<TemplateFile> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.crt')).map((e) => e.name);
  } catch {
    names = [];
  }
  const parts: Buffer[] = [];
  for (const name of names.sort()) {
    const content = await readFile(join(dir, name));
    parts.push(content);
    // PEM blocks must not run into each other when a file lacks its final newline.
    if (content.length > 0 && content[content.length - 1] !== 0x0a) parts.push(Buffer.from('\n'));
  }
  return { path: BUILD_CA_FILE, content: Buffer.concat(parts) };
}
