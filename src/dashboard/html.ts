/**
 * HTML by tagged template, escaped by default: every interpolation is escaped unless it is
 * already `Html` (made by this tag, or by `raw` for markup we wrote ourselves). Arrays are
 * joined, null, undefined and false render nothing. So text from proposals (titles, test
 * messages, diffs) can never become markup.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Slot = Html | string | number | boolean | null | undefined | readonly Slot[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(slot: Slot): string {
  if (slot instanceof Html) return slot.text;
  if (slot === null || slot === undefined || slot === false) return '';
  if (Array.isArray(slot)) return slot.map(render).join('');
  return escapeHtml(String(slot));
}

export function html(strings: TemplateStringsArray, ...slots: readonly Slot[]): Html {
  let out = strings[0] ?? '';
  slots.forEach((slot, i) => {
    out += render(slot) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup written by us, never by a caller's data. */
export function raw(text: string): Html {
  return new Html(text);
}
