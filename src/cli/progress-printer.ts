/**
 * Progress on stderr (stdout stays clean for --json): one live line on a terminal, plain lines
 * otherwise (CI logs, pipes), so a long image build never looks hung and never floods a log.
 */
import { safeLine } from './terminal-text.js';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { line: (text: string) => void; done: () => void } {
  let live = false;
  const width = () => Math.max(20, (stream.columns ?? 100) - 1);
  return {
    line(text: string) {
      // Colour codes dropped; any other control character (a build step prints project text) escaped.
      const clean = safeLine(text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim());
      if (clean === '') return;
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${clean.slice(0, width())}`);
        live = true;
      } else {
        stream.write(`  ${clean}\n`);
      }
    },
    done() {
      if (live) stream.write('\r\x1b[K');
      live = false;
    },
  };
}
