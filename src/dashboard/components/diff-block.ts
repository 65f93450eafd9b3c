/** A proposal's change as a diff: one block per file, added/removed/context lines marked by class and by sign (not by colour alone). */
import type { DiffView } from '../../app/views/diff-view.js';
import { html, type Html } from '../html.js';
import { highlight } from './highlight.js';

const SIGN = { add: '+', del: '-', ctx: ' ', hunk: '', meta: '' } as const;

export function diffBlock(diff: DiffView): Html {
  if (diff.files.length === 0) return html`<p class="empty">This proposal changes no file (the project as it is).</p>`;
  const files = diff.files.map(
    (f) => html`<details class="diff-file" open><summary><code>${f.path}</code> <span class="muted">+${f.lines.filter((l) => l.kind === 'add').length} −${f.lines.filter((l) => l.kind === 'del').length}</span></summary>
<pre class="diff" tabindex="0" aria-label="Diff of ${f.path}">${f.lines.map((l) => html`<span class="dl dl-${l.kind}">${SIGN[l.kind]}${l.kind === 'hunk' || l.kind === 'meta' ? l.text : highlight(l.text, f.path)}</span>`)}</pre></details>`,
  );
  const note = diff.source === 'files' ? html`<p class="muted">Whole files compared with the project's folder as it is now.</p>` : html`<p class="muted">The unified diff as submitted.</p>`;
  const cut = diff.omittedFiles + diff.omittedLines > 0 ? html`<p class="muted">Not shown: ${diff.omittedFiles} more file(s), ${diff.omittedLines} more line(s).</p>` : '';
  return html`${note}${files}${cut}`;
}
