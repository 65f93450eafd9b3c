/**
 * A toolchain is everything patchproof knows about one kind of project: how to recognise it,
 * the image template it runs in, the commands that build and test it with machine-readable
 * reports and coverage, and how those reports are read. The pipeline knows only this interface;
 * adding a toolchain is one folder plus one line in registry.ts.
 */
import type { CoverageSummary, TestReport } from '../../parsers/report.js';
import type { ReportParseError } from '../../parsers/report.js';
import type { TemplateFile } from '../images/build-context.js';
import type { ProjectSnapshot } from '../images/project-snapshot.js';

/** Where the sandbox's project copy lives and where reports are written, inside the container. */
export const WORKSPACE = '/workspace';
export const REPORT_DIR = '.patchproof/reports';

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
}

export interface CommandContext {
  readonly snapshot: ProjectSnapshot;
  /** Paths (relative to the project) the proposal writes or deletes. */
  readonly changedPaths: readonly string[];
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
  detect(snapshot: ProjectSnapshot): Detection | null;
  /** A build/compile step run before the tests, or null when there is none. */
  buildCommand(context: CommandContext): readonly string[] | null;
  testCommand(context: CommandContext): readonly string[];
  /** Reads the files found under REPORT_DIR (paths relative to it). */
  collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports>;
  /** Explains a run that left no test report, from its exit code, in words a person reads. */
  explainMissingReport(exitCode: number | null): string;
}
