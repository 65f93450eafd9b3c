/**
 * The largest MCP message we read: room for the largest changes a proposal may make, as JSON
 * (the changes file's own cap), instead of the SDK's 4 MiB (HTTP) or 10 MiB (stdio) defaults,
 * which would refuse proposals the CLI accepts. A body past it is refused before it is parsed.
 */
import type { AppContext } from '../app/context.js';
import { changesFileSizeLimit } from '../changes/changes-file.js';

export function mcpMessageLimit(ctx: AppContext): number {
  const { config } = ctx;
  return changesFileSizeLimit({ maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES });
}
