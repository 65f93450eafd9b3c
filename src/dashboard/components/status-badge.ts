/** A status as a word and a colour class (the word carries the meaning; colour only repeats it). */
import { html, type Html } from '../html.js';

export function statusBadge(status: string): Html {
  return html`<span class="badge badge-${status.replace(/[^a-z]/g, '')}" data-status="${status}">${status}</span>`;
}
