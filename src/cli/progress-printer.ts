/**
 * Progress on stderr (stdout stays clean for --json), from the typed progress events: one live
 * line on a terminal, plain lines otherwise (CI logs, pipes), so a long image build never looks
 * hung and never floods a log. Test output is not echoed here (the result says what failed).
 */
import type { ProgressEventBody, ProgressSink } from '../app/progress.js';
import { safeLine } from './terminal-text.js';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { line: (text: string) => void; sink: ProgressSink; done: () => void } {
  let live = false;
  const width = () => Math.max(20, (stream.columns ?? 100) - 1);
  const line = (text: string) => {
    // Colour codes dropped; any other control character (a build step prints project text) escaped.
    const clean = safeLine(text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim());
    if (clean === '') return;
    if (stream.isTTY) {
      stream.write(`\r\x1b[K${clean.slice(0, width())}`);
      live = true;
    } else {
      stream.write(`  ${clean}\n`);
    }
  };
  return {
    line,
    sink: { emit: (event) => line(eventLine(event)) },
    done() {
      if (live) stream.write('\r\x1b[K');
      live = false;
    },
  };
}

/** The one line an event is worth on a terminal; '' for those not shown. */
export function eventLine(event: ProgressEventBody): string {
  switch (event.type) {
    case 'image_build_line':
      return event.line;
    case 'phase_started':
      return event.phase === 'image' || event.phase === 'test' || event.phase === 'build' ? `${event.phase}...` : '';
    default:
      return '';
  }
}
