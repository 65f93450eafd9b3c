/**
 * Why a job's run was aborted: the job was deleted (the run ends `cancelled`), as opposed to the
 * door closing under it (the run ends `failed`, saying the server stopped). Carried as the abort
 * signal's reason, so the run decides by type, not by words.
 */
export class JobCancelled extends Error {
  constructor() {
    super('the job was deleted before this run ended');
    this.name = 'JobCancelled';
  }
}
