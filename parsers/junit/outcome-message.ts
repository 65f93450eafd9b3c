/**
 * The one-line story of a failure, error or skip, as operators see it in a summary table.
 * Bodies can be whole tracebacks or captured logs, so only the head is kept.
 */
import type { OutcomeElement } from './junit-schema.js';

export const MAX_MESSAGE_CHARS = 500;

/** Trimmed, and cut at MAX_MESSAGE_CHARS with an ellipsis; null when nothing is left. */
export function clipMessage(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return trimmed.length <= MAX_MESSAGE_CHARS ? trimmed : `${trimmed.slice(0, MAX_MESSAGE_CHARS - 1).trimEnd()}…`;
}

export function firstNonEmptyLine(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() !== '') return line.trim();
  }
  return null;
}

export function outcomeAttributes(element: OutcomeElement): Readonly<Record<string, string>> {
  return typeof element === 'string' ? {} : (element.$ ?? {});
}

export function outcomeBody(element: OutcomeElement): string {
  return typeof element === 'string' ? element : (element._ ?? '');
}

/**
 * The `message` attribute when it says something; else the first non-empty body line (jest-junit
 * writes bodies only); else the `type` ("pytest.xfail" when an xfail has no reason); else null,
 * as for a bare `<failure/>`, which still means failed.
 */
export function outcomeMessage(element: OutcomeElement): string | null {
  const attributes = outcomeAttributes(element);
  const fromAttribute = clipMessage(attributes['message'] ?? '');
  if (fromAttribute !== null) return fromAttribute;
  const fromBody = firstNonEmptyLine(outcomeBody(element));
  if (fromBody !== null) return clipMessage(fromBody);
  return clipMessage(attributes['type'] ?? '');
}
