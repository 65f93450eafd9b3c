/**
 * The result file a job's helper writes in its sandbox (/workspace/patchproof-job/result.json): what
 * the script set. The script owns that file, so it is outside data: read bounded, parsed here
 * (pure), and anything else than the helper's shape is a clear problem, not a crash.
 */
import { z } from 'zod';
import { MAX_VARIABLE_CHARS, MAX_VARIABLES, VARIABLE_NAME } from './job-model.js';

/** In the workspace (the engine can read archives there, not from the /tmp tmpfs), written by the script. */
export const RESULT_DIR = '/workspace/patchproof-job';
export const RESULT_FILE = `${RESULT_DIR}/result.json`;
/** The most of the result file read back; a larger one is a problem of the script's. */
export const MAX_RESULT_BYTES = 1024 * 1024;
export const MAX_CONDITION_CHARS = 200;

const ResultFile = z.strictObject({
  variables: z.record(z.string().regex(VARIABLE_NAME), z.string().max(MAX_VARIABLE_CHARS)).refine((v) => Object.keys(v).length <= MAX_VARIABLES, `at most ${MAX_VARIABLES} variables`),
  output: z.unknown().optional(),
  condition: z.string().max(MAX_CONDITION_CHARS).optional(),
});

export type JobResultFile = { readonly output: unknown; readonly condition: string | null; readonly variables: Record<string, string> } | { readonly problem: string };

/** `text` is what was read (at most MAX_RESULT_BYTES + 1 bytes); empty: the script set nothing. */
export function parseJobResult(text: string, given: Readonly<Record<string, string>>): JobResultFile {
  if (text.length === 0) return { output: null, condition: null, variables: { ...given } };
  if (Buffer.byteLength(text, 'utf8') > MAX_RESULT_BYTES) return { problem: `the job's result is larger than ${MAX_RESULT_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `the job's result file is not JSON (${error instanceof Error ? error.message : String(error)}); set output, condition and variables through the helper` };
  }
  const parsed = ResultFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `the job's result file is not the helper's shape: ${issue === undefined ? 'invalid' : `${issue.path.join('.') || '(root)'} ${issue.message}`}` };
  }
  return { output: parsed.data.output ?? null, condition: parsed.data.condition ?? null, variables: parsed.data.variables };
}
