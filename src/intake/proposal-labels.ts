/**
 * A proposal's title and author: one schema for every door (validate, propose), so both have the
 * same caps and the same refusal. They are shown in terminals and lists, so a control character
 * (an ANSI sequence, a C1 control, a bidirectional override) is refused, not stored.
 */
import { z } from 'zod';
import { InputError } from '../errors/input-error.js';
import { firstControlCharacter } from '../text/control-characters.js';

export const TITLE_MAX = 500;
export const AUTHOR_MAX = 200;

function label(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(max, `is longer than ${max} characters`)
    .superRefine((text, ctx) => {
      const found = firstControlCharacter(text);
      if (found !== null) {
        ctx.addIssue({ code: 'custom', message: `contains a control character (${found.shown} at character ${found.index + 1}); it is shown in terminals, so it must be plain text` });
      }
    });
}

export const ProposalLabels = z.object({
  title: label(TITLE_MAX).nullable(),
  author: label(AUTHOR_MAX).nullable(),
});
export type ProposalLabels = z.infer<typeof ProposalLabels>;

/** Parses `--title` and `--author` for `command`; an InputError names the flag otherwise. */
export function parseProposalLabels(command: string, input: { title?: string | undefined; author?: string | undefined }): ProposalLabels {
  const parsed = ProposalLabels.safeParse({ title: input.title ?? null, author: input.author ?? null });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'title');
  throw new InputError(`${command}: --${field} ${issue?.message ?? 'is invalid'}`, { field }, { field });
}
