/**
 * Where every sandbox keeps the shell its commands run through (run-wrapper.ts), and how it gets
 * there: the container's main process (the keeper, hardened-spec.ts: neither root nor the sandbox
 * user) copies the image's dash into a folder of its own in /tmp as the container starts, before
 * any exec can run. Execute-only to the sandbox user, so the kernel makes a process running it
 * non-dumpable: the commands (same uid) can neither ptrace it nor read its /proc files. /tmp is
 * sticky, so the sandbox user cannot rename the keeper's folder, and cannot write in it.
 * Copied under another name, then renamed: the wrapper is never there before it is execute-only.
 */
export const WRAPPER_FOLDER = '/tmp/.patchproof';
export const COMMAND_WRAPPER = `${WRAPPER_FOLDER}/sh`;

/** The keeper's command: the wrapper made, then idle for the container's life. */
export function keeperCommand(): string[] {
  const making = `mkdir -m 0755 ${WRAPPER_FOLDER} && cp /bin/dash ${WRAPPER_FOLDER}/.sh && chmod 0111 ${WRAPPER_FOLDER}/.sh && mv ${WRAPPER_FOLDER}/.sh ${COMMAND_WRAPPER}`;
  // Idle whatever happened: a container without the wrapper runs its commands with a reaper exec after each.
  return ['sh', '-c', `${making}; exec sleep infinity`];
}
