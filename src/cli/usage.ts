export const USAGE = `patchproof: tells, with evidence, whether a proposed code change is good.

Usage:
  patchproof setup
      Start (or install and start) the Docker engine and make the base image. Idempotent.
  patchproof validate <projectDir> [--changes <file.json>] [--json] [--timeout <s>]
                      [--min-coverage <pct>] [--memory-mb <n>] [--framework <name>] [--test-command <cmd>]
                      [--no-build] [--title <t>] [--author <a>] [--protect-tests] [--strict]
                      [--min-changed-coverage <pct>]
  patchproof validate <gitProject> [--base <commit|branch|tag>] [same options]
      A git project by name: judged on --base (default its ref's commit now).
      Run the project's tests with the proposed changes in a sandbox and record the verdict.
      A change is judged against the baseline of the unchanged project (made first when this
      state has none): rejected when it breaks a test that passed before, when a test it adds
      fails, or when a test that ran before is gone or skipped; tests that failed before and
      still fail do not reject it. --strict grades it on its own: every test must pass.
      The result gives the coverage of the executable lines the change added or modified
      (changedLines), naming uncovered ones as file and line ranges; with
      --min-changed-coverage a change below that percentage is rejected (changed_coverage_low).
      A change with no executable changed lines is not rejected for it.
      The result lists the tests and test-support files (conftest.py, jest.config.*, spec_helper.rb,
      a go TestMain, pom.xml's <build>, ...) the change adds, modifies or deletes. With
      --protect-tests a change that modifies or deletes an existing test, or touches any test
      support or runner configuration, is rejected (tests_protected) before anything runs;
      new test files are allowed.
      The changes file is a JSON array of {"filepath", "content"}, {"filepath", "contentBase64"}
      or {"filepath", "delete": true}. Without --changes the project is validated as it is.
      Frameworks, in detection order: jest, maven, go, rspec, minitest, pytest.
      Exit code: 0 executed, 1 rejected, 2 error or bad usage.
  patchproof serve [--port 7807] [--host 127.0.0.1] [--workers N] [--no-schedules]
      The HTTP API (/v1/projects, /v1/proposals, events, stats, health; /openapi.json), and
      with --workers N that many validation slots in the same process. Without
      PATCHPROOF_API_TOKENS it serves loopback only. SIGTERM closes it and drains the workers.
  patchproof projects add <name> <dir> [--framework <name>] [--test-command <cmd>] [--no-build]
                         [--protect-tests] [--strict] [--min-changed-coverage <pct>] [--json]
      Register a project (its test framework must be recognisable, or named). A --test-command
      runs instead of the toolchain's and must write JUnit XML into $PATCHPROOF_REPORT_DIR
      (coverage optional, as Cobertura coverage.xml). --no-build skips the build step.
      --protect-tests makes --protect-tests the default of every proposal to the project;
      --strict likewise makes --strict its default; --min-changed-coverage likewise (a
      proposal's own value wins).
      Adding the same name and folder again updates these settings.
  patchproof projects add <name> --git <url> [--ref <branch|tag|commit>] [same options]
      Register a git repository (file://, https://, ssh://, git://, user@host:path; never with
      a password: use a credential helper or an ssh agent). patchproof keeps a bare mirror under
      PATCHPROOF_GIT_DIR; proposals are judged on a commit's tree (--ref's commit by default).
  patchproof projects fetch <name> [--json]
      Fetch a git project's repository again; prints the branches and tags that moved.
  patchproof projects list [--json]
  patchproof propose <project> (--changes <file.json> | --patch <file.diff>) [--title <t>]
                     [--author <a>] [--priority <n>] [--rerun] [--protect-tests] [--strict]
                     [--min-changed-coverage <pct>] [--timeout <s>] [--min-coverage <pct>]
                     [--memory-mb <n>] [--base <commit|branch|tag>] [--json]
      Queue a proposal for the worker. --base (git projects) names the commit to judge it on
      (default: the project's ref now); it is stored as a full commit id for every later run. --patch takes a unified diff as \`git diff\` writes it;
      a hunk that does not apply rejects the proposal at once. The same changes against an
      unchanged project reuse the earlier verdict unless --rerun is given. --protect-tests is
      kept with the proposal: every run of it (revalidations too) is judged with it; so is
      --min-changed-coverage, and so are --timeout, --min-coverage and --memory-mb (which may
      only lower the configured limits).
      Exit code: 0 queued (or a reused pass), 1 rejected, 2 bad usage.
  patchproof worker [--concurrency <n>] [--until-idle] [--no-schedules]
      Validate queued proposals until stopped. SIGTERM/SIGINT: finish running validations
      and stop; a second signal stops them and queues their proposals again.
  patchproof revalidate [--project <name>]... [<proposalId>...] [--json]
      Queue finished proposals again (all of them when nothing is named): all or none, so
      past PATCHPROOF_MAX_PENDING nothing is queued, exit 2, naming how many would fit.
  patchproof baseline <project|dir> [--refresh] [--json]
      Show the baseline of the project's current state (its unchanged run, which changed
      proposals are compared with); made now when missing, again with --refresh.
  patchproof proposals list [--project <name>] [--status <status>] [--author <a>] [--text <t>]
                            [--limit <n>] [--cursor <c>] [--json]
      Newest first, a page at a time (at most 200); --json prints {items, nextCursor}.
  patchproof proposals show <id> [--json]
      Per-test results, failure messages, stats, and every validation of the proposal.
  patchproof proposals follow <id> [--after <n>] [--json]
      The proposal's progress events (queued, claimed, phases, output lines, verdict) as they
      happen, from whichever worker runs it, until the verdict; --json prints one per line.
With --json, a refused input prints {"error": {"code", "message", "field"}} on stdout (exit 2).
  patchproof stats [--project <name>] [--json]
      Validations per outcome, time per phase (p50/p95), pass rate per project.
  patchproof images [--json]
      The project images: size and last use, least recently used first, the ones in use
      marked; PATCHPROOF_IMAGE_DISK_MB bounds their disk (least recently used removed).
  patchproof run --language <L> (--code <C> | --file <F> | -) [--stdin <F>] [--timeout <s>] [--json]
      Run code once in a fresh hardened sandbox of its runtime (python, javascript,
      typescript, ruby, go, java, bash, rust, php); exit code: the program's.
  patchproof runtimes [--warm <L>...] [--json]
      Each runtime and its warm pool (PATCHPROOF_WARM_POOL); --warm starts those pools here,
      waits until ready or unavailable, prints, and stops them.
  patchproof jobs run --type bash|python|node (--script <S> | --file <F> | -) [--input <JSON>|@<file>]
                      [--var <name>=<value>]... [--timeout <s>] [--schedule <cron>] [--json]
      Run a script job in a fresh sandbox and wait for it: its log on stderr as it comes, then
      its status, output, condition and variables (set through the helper, see the README).
      Ctrl-C deletes the job (its run cancelled, its sandbox removed). With --schedule (cron, 5
      fields or 6 with seconds) the job is stored and runs on a \`patchproof serve\` sharing the
      database. Exit code: 0 completed (or scheduled), 1 failed, timeout or cancelled, 2 bad usage.
  patchproof jobs list [--json]
  patchproof jobs show <id> [--json]
      The job, its latest result and its runs (a scheduled job's history).
  patchproof jobs log <id> [--follow]
      The latest run's log (stdout and stderr); --follow waits for the run to end first.
  patchproof jobs delete <id> [--json]
      Stop and delete a job: its schedule stops on every server sharing the database, a run
      queued or going is cancelled and its sandbox removed; its history stays readable
      (jobs show). Deleting it again answers the same.
  patchproof mcp [--workers <n>]
      Serve MCP over stdio (tools: validate_proposal, get_proposal, list_proposals,
      list_projects, add_project, fetch_project, revalidate, run_code, list_runtimes, run_job,
      delete_job, ...). The runtimes' warm pools (PATCHPROOF_WARM_POOL) start with it, as with
      serve, and everything it started is removed when the client disconnects. --workers (default 1) runs worker
      slots in this process so validate_proposal gets its verdict; 0 leaves the queue to others.
  patchproof doctor [--json] [--image <ref>]
      Audit the sandbox: read back from the engine and from inside a test container what it
      really applies (user, capabilities, seccomp, no-new-privileges, read-only root, network,
      pids, memory, swap, CPU, mounts, no engine socket), and check the engine and images.
      Exit code: 0 no gap, 1 any gap, 2 engine unreachable or bad usage.

Configuration comes from environment variables: see .env.example.`;
