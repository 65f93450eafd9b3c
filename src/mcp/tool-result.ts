/**
 * How a use case's outcome becomes a tool result: a view as structured content (checked by the
 * tool's output schema) with the same JSON as text for clients that read only text; any error as
 * the app's one error view with `isError`, its first line saying what to fix and which field.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { errorView } from '../app/error-mapping.js';
import type { ErrorView } from '../app/views/error-view.js';

export function viewResult(view: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(view) }], structuredContent: view };
}

export function errorResult(error: unknown): CallToolResult {
  const view = errorView(error);
  return { isError: true, content: [{ type: 'text', text: errorLine(view) }, { type: 'text', text: JSON.stringify(view) }] };
}

/** `invalid_input (field "changes"): changes[0]: filepath "../x" ...`: the code, the field, then the message. */
export function errorLine(view: ErrorView): string {
  const { code, message, field } = view.error;
  return `${code}${field === undefined ? '' : ` (field "${field}")`}: ${message}`;
}

/** Runs one use case and maps its view or its error: the whole body of a simple tool. */
export async function runTool(use: () => Promise<Record<string, unknown>>): Promise<CallToolResult> {
  try {
    return viewResult(await use());
  } catch (error) {
    return errorResult(error);
  }
}
