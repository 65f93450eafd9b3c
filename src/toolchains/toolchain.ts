/**
 * A toolchain is everything patchproof knows about one kind of project: how to recognise it,
 * the image template it runs in, the commands that build and test it with machine-readable
 * reports and coverage, and how those reports are read. The pipeline knows only this interface;
 * adding a toolchain is one folder plus one line in registry.ts.
 */
import type { LineCoverage } from '../../parsers/coverage/line-coverage.js';
import type { CoverageSummary, TestReport } from '../../parsers/report.js';
import type { ReportParseError } from '../../parsers/report.js';
import type { TemplateFile } from '../images/build-context.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import type { ImagePrepInput, ImagePreparation } from '../images/image-preparation.js';
import type { BuildError } from './build-error.js';

/** The container's layout is the sandbox's (sandbox/layout.ts); re-exported for the toolchains' scripts. */
export { REPORT_DIR, WORKSPACE } from '../sandbox/layout.js';

export interface Detection {
  /** Why this toolchain was chosen, e.g. ["pytest.ini", "tests/ holds test_*.py files"]. */
  readonly evidence: readonly string[];
}

export interface CollectedReports {
  readonly tests: TestReport | null;
  /** Why no test report could be read (missing, empty, malformed); null when it was read. */
  readonly testsProblem: ReportParseError | null;
  readonly coverage: CoverageSummary | null;
  readonly coverageProblem: ReportParseError | null;
  /**
   * Per-line coverage, for the coverage of the lines a change touched (src/coverage/); absent or
   * null when not measured. Kept in memory only: what is recorded is the changed lines' summary.
   */
  readonly lineCoverage?: LineCoverage | null;
}

/**
 * What the runner itself said about the run, read apart from the report (its console's closing
 * line, or a record kept by a plugin of ours): a second witness. A report claiming more passes
 * than the witness saw, or a witness that saw failures, is not believed.
 */
export interface RunnerSummary {
  /** Where it was read from, as a person would recognise it (the line itself, for a console). */
  readonly line: string;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  /**
   * What it saw, in the words a reason uses after "but" (a record of ours naming the tests it
   * saw fail); without it a reason quotes the line: `pytest itself printed "<line>"`.
   */
  readonly said?: string;
}

/** A witness that should have spoken and did not, with why in a reason's words ("pytest left no record of ..."). */
export interface MissingAccount {
  readonly missing: string;
}

/** What a witness may read: the test run's console (head and tail) and the files found under REPORT_DIR. */
export interface WitnessInput {
  readonly stdout: string;
  readonly stderr: string;
  readonly files: ReadonlyMap<string, Buffer>;
}

export interface CommandContext {
  readonly snapshot: ProjectSnapshot;
  /** Paths (relative to the project) the proposal writes or deletes. */
  readonly changedPaths: readonly string[];
}

/** What a project file is to the test run: a test, or test support / runner configuration. */
export type TestFileRole = 'test' | 'support';

/** One file a proposal touches: its content before (null: it is new) and after (null: deleted). */
export interface TouchedFile {
  readonly path: string;
  readonly before: Buffer | null;
  readonly after: Buffer | null;
}

/** The project as the change leaves it, read on demand (configuration names support files). */
export interface ProjectReader {
  /** A project file's text; null when there is no such file. */
  text(path: string): string | null;
}

/**
 * Which project files are tests and which are test support: anything loaded into the test run
 * that can change its outcome besides the tests themselves (conftest.py, jest setup files, a
 * go TestMain, spec_helper.rb, the runner's configuration). Some files count only for the part
 * that configures the runner (pyproject.toml's [tool.pytest...]): hence before and after.
 */
export interface TestPaths {
  /** The file's role, or null when it is neither (or the part of it that matters did not change). */
  roleOf(file: TouchedFile, project: ProjectReader): TestFileRole | null;
}

export interface Toolchain {
  /** The test framework's name as users know it: "pytest", "jest", ... */
  readonly name: string;
  /** Folder under templates/ holding its Dockerfile. */
  readonly template: string;
  /**
   * Files added to the build context beside the template's, e.g. the host's CA certificates
   * that npm needs behind this machine's TLS-intercepting proxy. Hashed into the image tag.
   */
  extraContext?(): Promise<readonly TemplateFile[]>;
  /**
   * The project files that declare its dependencies (manifests and lock files, relative paths).
   * They are also sent as deps/project/ in the build context, copied before the project, so the
   * template's dependency layer is keyed by them alone: a source-only change reuses it.
   */
  dependencyManifests?(snapshot: ProjectSnapshot): readonly string[];
  /**
   * Run before the project image is built, with the engine: builds what the image stands on and
   * rewrites, in the image's copy only, what the project needs to build offline (Maven's POMs).
   * Its files and build arguments join the context (and the content tag); its rewrites are recorded.
   */
  prepareImage?(input: ImagePrepInput): Promise<ImagePreparation>;
  detect(snapshot: ProjectSnapshot): Detection | null;
  /** A build/compile step run before the tests, or null when there is none. */
  buildCommand(context: CommandContext): readonly string[] | null;
  testCommand(context: CommandContext): readonly string[];
  /**
   * The errors a failed build printed, each with the key it is compared by against the
   * baseline's (pipeline/build-errors.ts); null when it lists none. Absent: a failed build is
   * judged as a failure, whatever the baseline had.
   */
  buildErrors?(output: string): readonly BuildError[] | null;
  /** The comparison key of a recorded error line (as buildErrors gives it). */
  buildErrorKey?(line: string): string;
  /**
   * Runs only the given tests again (identities as this toolchain's collect sets them), writing
   * the same reports under REPORT_DIR as testCommand, so collect reads them. Used for the tests
   * that failed, to tell a flaky test from a failing one (pipeline/flaky-reruns.ts); null when
   * none of the identities can be run on its own. Absent: this toolchain's tests are not rerun.
   */
  rerunCommand?(context: CommandContext, ids: readonly string[]): readonly string[] | null;
  /** Reads the files found under REPORT_DIR (paths relative to it). */
  collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports>;
  /**
   * The runner's own account of the run (see RunnerSummary); null when it printed no closing
   * summary (a run cut short), a MissingAccount when another of its witnesses is missing. Absent
   * for toolchains whose console patchproof does not read, and dropped by a project's own
   * --test-command, which prints what it likes.
   */
  witness?(run: WitnessInput): RunnerSummary | MissingAccount | null;
  /**
   * The key a project file has in this toolchain's LineCoverage, when it is not the project path
   * itself (JaCoCo names files by package path); null when the file cannot be in the report.
   */
  coverageKey?(projectPath: string): string | null;
  /** Explains a run that left no test report, from its exit code, in words a person reads. */
  explainMissingReport(exitCode: number | null): string;
  /**
   * Whether the exit code of a run that left no report says the runner collected no tests
   * (pytest: 5): the verdict is then no_tests rather than no_report. Absent: it never does.
   */
  noTestsCollected?(exitCode: number | null): boolean;
  /** Its tests and test support, for listing edited tests and for --protect-tests. */
  readonly testPaths: TestPaths;
}
