/**
 * run_job: a script job (app/use-cases/jobs.ts) run now and waited for, as an MCP tool, its
 * statuses and log sent as progress notifications when asked (mcp/job-progress.ts); a client
 * that cancels the call (over stdio: the stateless HTTP transport does not carry it) deletes the
 * job, its run cancelled and its sandbox removed. delete_job: as DELETE /v1/jobs/{id}.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { followJob } from '../../app/use-cases/follow-job.js';
import { deleteJob, submitJob } from '../../app/use-cases/jobs.js';
import { JobRequest, JobView } from '../../app/views/job-view.js';
import { jobProgress } from '../job-progress.js';
import { runTool } from '../tool-result.js';

export function registerRunJobTool(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'run_job',
    {
      title: 'Run a script job',
      description:
        "Run a bash, python or node script as a job in a fresh network-less, non-root sandbox under the run limits, and wait for it. The script reads `input` and `variables` and sets `output`, `condition` and variables through the helper: bash `source /opt/patchproof/job/job.sh` (job_input, job_var, job_set_var, job_output, job_output_json, job_condition), python `import patchproof_job as job` (input, variables, get_var, set_var, output, condition), node `require('patchproof-job')` (input, variables, getVar, setVar, output, condition). Returns the job with its run: status completed, failed or timeout, the output, condition, variables, log and exit code. Over stdio, cancelling the call deletes the job (the stateless HTTP transport does not carry cancellations: use delete_job). No schedule here: scheduled jobs are the HTTP API's and the CLI's.",
      inputSchema: JobRequest.omit({ schedule: true }),
      outputSchema: JobView,
    },
    (input, extra) =>
      runTool(async () => {
        const job = await submitJob(ctx, input);
        let last: JobView = job;
        try {
          const progress = jobProgress(extra);
          for await (const event of followJob(ctx, job.id, { signal: extra.signal })) {
            progress(event);
            if (event.type === 'end') last = event.job;
          }
        } finally {
          if (extra.signal.aborted) await deleteJob(ctx, job.id);
        }
        return last;
      }),
  );
  server.registerTool(
    'delete_job',
    {
      title: 'Delete a script job',
      description:
        'Delete a job by id: its schedule stops (in every server sharing the database), a run queued or going is cancelled and its sandbox removed; its history stays readable. Deleting again answers the same. Returns the job as it stands (status deleted).',
      inputSchema: z.object({ id: z.string().uuid() }),
      outputSchema: JobView,
    },
    ({ id }) => runTool(async () => deleteJob(ctx, id)),
  );
}
