/**
 * The container's layout, as every side agrees on it: where the project copy lives, where a run
 * writes its reports, and the unprivileged user that owns the workspace and runs every command.
 * The templates' Dockerfiles create the same user (uid and gid 1000).
 */

/** The project copy inside the container (a size-capped tmpfs-backed volume). */
export const WORKSPACE = '/workspace';
/** Where a run writes its reports, relative to WORKSPACE. */
export const REPORT_DIR = '.patchproof/reports';

export const SANDBOX_UID = 1000;
export const SANDBOX_GID = 1000;
