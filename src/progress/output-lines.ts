/**
 * Output chunks cut into lines for progress events, bounded: at most `maxLines` lines per run
 * and `maxChars` characters a line, the rest counted and said once. The record keeps the full
 * head and tail of the output; these lines are only for someone watching live.
 */
export interface LineLimits {
  readonly maxLines: number;
  readonly maxChars: number;
}

export const OUTPUT_LINE_LIMITS: LineLimits = { maxLines: 200, maxChars: 500 };

export function outputLines(emit: (line: string) => void, limits: LineLimits = OUTPUT_LINE_LIMITS): { push(chunk: Buffer | string): void; end(): void } {
  let partial = '';
  let sent = 0;
  let dropped = 0;
  const send = (line: string) => {
    if (sent >= limits.maxLines) {
      dropped += 1;
      return;
    }
    sent += 1;
    emit(line.length > limits.maxChars ? `${line.slice(0, limits.maxChars)}...` : line);
  };
  return {
    push(chunk) {
      // Past the cap nothing is kept, so a flood of output costs nothing here.
      if (sent >= limits.maxLines) {
        dropped += String(chunk).split('\n').length - 1;
        return;
      }
      const lines = (partial + String(chunk)).split('\n');
      partial = (lines.pop() ?? '').slice(0, limits.maxChars + 1);
      for (const line of lines) send(line.replace(/\r$/, ''));
    },
    end() {
      if (partial !== '') send(partial);
      partial = '';
      if (dropped > 0) emit(`(${dropped} more lines not streamed; the record keeps the head and tail of the output)`);
      dropped = 0;
    },
  };
}
