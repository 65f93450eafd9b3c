/**
 * validate_proposal: submit a change (whole files or a unified diff) to a registered project and,
 * unless `wait` is false, wait for its verdict, sending each progress event as a notification
 * while it waits. The wait is bounded (`waitSeconds`): with no worker to take the proposal the
 * call still ends, saying where the proposal stands; get_proposal reads the verdict later.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { followProposal } from '../../app/use-cases/follow-proposal.js';
import { showProposal } from '../../app/use-cases/show-proposal.js';
import { submit } from '../../app/use-cases/submit.js';
import { callerScope, IdempotencyKeyText } from '../../app/idempotency.js';
import { PROPOSAL_STATUS_VALUES } from '../../app/views/proposal-list-view.js';
import { OverridesView } from '../../app/views/parts.js';
import { ProposalView, SubmittedView } from '../../app/views/proposal-view.js';
import { checkedChanges } from '../../app/checked-changes.js';
import { UsageError } from '../../errors/usage-error.js';
import { progressBridge, type ToolExtra } from '../progress-bridge.js';
import { errorResult, viewResult } from '../tool-result.js';

export const DEFAULT_WAIT_S = 600;
export const MAX_WAIT_S = 3600;

const ChangeEntry = z.union([
  z.object({ filepath: z.string().max(4096), content: z.string() }).strict().describe('a whole file written, as text'),
  z.object({ filepath: z.string().max(4096), contentBase64: z.string() }).strict().describe('a whole file written, as base64 bytes'),
  z.object({ filepath: z.string().max(4096), delete: z.literal(true) }).strict().describe('a file deleted'),
]);

const Input = z.object({
  project: z.string().min(1).max(200).describe('a registered project name (list_projects)'),
  changes: z.array(ChangeEntry).min(1).optional().describe('whole-file changes; give exactly one of changes or patch'),
  patch: z.string().min(1).optional().describe('a unified diff, as `git diff` writes it'),
  title: z.string().max(500).optional(),
  author: z.string().max(200).optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  rerun: z.boolean().optional().describe('run again even when the same change against the same project state has a verdict'),
  protectTests: z.boolean().optional().describe('reject a change that modifies or deletes existing tests or test support'),
  strict: z.boolean().optional().describe('every test must pass, not only those that passed before the change'),
  minChangedCoverage: z.number().min(0).max(100).optional(),
  overrides: OverridesView.optional().describe('limits for this proposal, each only lower than the configured one'),
  base: z.string().min(1).max(200).optional().describe("git projects: the branch, tag or commit to judge the change on; default the project ref's commit now"),
  wait: z.boolean().default(true).describe('false: return the proposal id at once'),
  waitSeconds: z.number().int().min(1).max(MAX_WAIT_S).default(DEFAULT_WAIT_S).describe('how long to wait for the verdict'),
  idempotency_key: IdempotencyKeyText.optional().describe(
    'makes a retry safe: the same key with the same arguments (wait aside), within a day, answers with the proposal the first call made, on any server over the same database; with other arguments it is refused (conflict)',
  ),
});

export const ValidateProposalView = z.object({
  proposalId: z.string(),
  status: z.enum(PROPOSAL_STATUS_VALUES),
  reason: z.string().nullable(),
  /** A verdict was reached (executed, rejected or error). */
  done: z.boolean(),
  /** Why there is no verdict yet, when there is none. */
  note: z.string().nullable(),
  submitted: SubmittedView,
  proposal: ProposalView,
});
export type ValidateProposalView = z.infer<typeof ValidateProposalView>;

const FINISHED: readonly string[] = ['executed', 'rejected', 'error'];

export function registerValidateProposalTool(server: McpServer, ctx: AppContext, options: { heartbeatMs: number }): void {
  server.registerTool(
    'validate_proposal',
    {
      title: 'Validate a proposed change',
      description:
        "Apply a change to a registered project in a network-less sandbox, run the project's tests with coverage and return the verdict: executed (tests pass), rejected (the change's fault, with the reason and the failing tests) or error (ours, retried). Sends progress notifications while it waits (pass a progressToken). wait: false returns the proposal id at once; get_proposal reads it later.",
      inputSchema: Input,
      outputSchema: ValidateProposalView,
    },
    async (input, extra) => {
      try {
        return viewResult(await validateProposal(ctx, input, extra, options.heartbeatMs));
      } catch (error) {
        return errorResult(error);
      }
    },
  );
}

async function validateProposal(ctx: AppContext, input: z.infer<typeof Input>, extra: ToolExtra, heartbeatMs: number): Promise<ValidateProposalView> {
  if ((input.changes === undefined) === (input.patch === undefined)) throw new UsageError('give exactly one of changes (whole files) or patch (a unified diff)', {}, { field: 'changes' });
  const { wait: _wait, waitSeconds: _waitSeconds, idempotency_key: key, ...request } = input;
  const idempotency = key === undefined ? undefined : { key, scope: callerScope(extra.authInfo?.token ?? null), request, field: 'idempotency_key' };
  const submitted = await submit(ctx, {
    project: input.project,
    ...(input.patch !== undefined ? { patch: { text: input.patch, source: 'patch' } } : { changes: checkedChanges(ctx, input.changes ?? [], 'changes') }),
    title: input.title ?? null,
    author: input.author ?? null,
    priority: input.priority,
    rerun: input.rerun,
    protectTests: input.protectTests,
    strict: input.strict,
    minChangedCoverage: input.minChangedCoverage,
    overrides: input.overrides,
    base: input.base,
  }, { idempotency });
  let note: string | null = null;
  if (!FINISHED.includes(submitted.status)) {
    note = input.wait ? await waitForVerdict(ctx, submitted.proposalId, input.waitSeconds, extra, heartbeatMs) : 'not waited for (wait: false): read the verdict with get_proposal';
  }
  const proposal = await showProposal(ctx, submitted.proposalId);
  const done = FINISHED.includes(proposal.status);
  return { proposalId: proposal.id, status: proposal.status, reason: proposal.reason, done, note: done ? null : note, submitted, proposal };
}

/** Follows the proposal to its verdict, or until the wait or the client's request ends; null when it ended with a verdict. */
async function waitForVerdict(ctx: AppContext, id: string, waitSeconds: number, extra: ToolExtra, heartbeatMs: number): Promise<string | null> {
  const stop = new AbortController();
  const deadline = setTimeout(() => stop.abort(), waitSeconds * 1000);
  const cancel = () => stop.abort();
  extra.signal.addEventListener('abort', cancel, { once: true });
  const bridge = progressBridge(extra, heartbeatMs);
  try {
    for await (const event of followProposal(ctx, id, 0, { signal: stop.signal })) bridge.event(event);
  } finally {
    bridge.stop();
    clearTimeout(deadline);
    extra.signal.removeEventListener('abort', cancel);
  }
  if (!stop.signal.aborted) return null;
  return extra.signal.aborted
    ? 'the request was cancelled; the proposal stays queued'
    : `no verdict within ${waitSeconds} s (is a worker running? \`patchproof mcp --workers N\`, \`serve --workers N\` or \`patchproof worker\`); read it later with get_proposal`;
}
