/** "  rewritten  pom.xml: plugin org.x:y 1.0 dropped (why)": what the image's copy of a project had rewritten, capped. */
import type { ImageRewritesView } from '../app/views/image-rewrite-view.js';
import { safeLine } from './terminal-text.js';

const SHOWN = 25;

export function imageRewriteLines(rewrites: ImageRewritesView | null | undefined, indent: string, label = 'rewritten'): string[] {
  if (rewrites == null || rewrites.length === 0) return [];
  const pad = ' '.repeat(label.length + 1);
  const lines = rewrites.slice(0, SHOWN).map((r, i) => {
    const change = r.to === null ? (r.from === null ? '' : ` ${r.from}`) : ` ${r.from ?? '(none)'} -> ${r.to}`;
    return `${indent}${i === 0 ? `${label} ` : pad}${safeLine(`${r.file}: ${r.kind} ${r.subject}${change} (${r.reason})`)}`;
  });
  if (rewrites.length > SHOWN) lines.push(`${indent}${pad}... and ${rewrites.length - SHOWN} more (--json lists them all)`);
  return lines;
}
