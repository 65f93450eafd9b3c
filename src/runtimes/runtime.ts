/**
 * A runtime is everything patchproof knows about running one language's code: the image it runs
 * in (a template under templates/runtimes/, no project inside), the file the code is saved as,
 * the compile step if the language has one, the command that runs it, and how its compiler's
 * and interpreter's messages read as a person's error. Adding a runtime is one folder plus one
 * line in registry.ts.
 *
 * Commands run with the code's folder (CODE_DIR) as their working directory; they write only
 * under /tmp (the root is read-only and the code's folder belongs to root).
 */
import type { FriendlyError } from './friendly-error.js';
import type { RuntimeName } from '../runtime-names.js';
import type { StepTestOutcome } from './step-tests.js';

/** Where the code (and a step's test files) are put, root-owned and read-only to the code. */
export const CODE_DIR = '/workspace/code';
/** The run's stdin, when given: a root-owned file outside the code's folder. */
export const STDIN_FILE = '/workspace/.stdin';

/** What a compile or run printed, for the runtime's error mapping. */
export interface RunOutput {
  readonly phase: 'compile' | 'run';
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/** What a step's test run left: its console and the files under the report folder. */
export interface StepRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly files: ReadonlyMap<string, Buffer>;
  readonly exitCode: number | null;
}

/** A step's test framework for this runtime: the command that runs the tests beside the code. */
export interface TestFramework {
  readonly name: string;
  /** Run in CODE_DIR with the reports written under REPORT_DIR of the workspace. */
  readonly command: readonly string[];
  /**
   * Builds the tests with the code, in place of the runtime's compile (whose errors it shares):
   * a compiled language's test binary holds both. Absent: the runtime's compile.
   */
  readonly compile?: readonly string[];
  /** The per-test results read from the reports and the console, witnessed (see run-tests). */
  collect(run: StepRun): Promise<StepTestOutcome>;
}

export interface Runtime {
  /** As users name it: "python", "javascript", ... */
  readonly name: RuntimeName;
  /** Folder under templates/runtimes/ holding its Dockerfile; runtimes may share one. */
  readonly template: string;
  /** Files added to the image's build context: [folder under templates/, name in the context]. */
  readonly extraContext?: readonly (readonly [string, string])[];
  /** The file the code is saved as, in CODE_DIR ("main.py", "Main.java"). */
  readonly mainFile: string;
  readonly extension: string;
  /** Compiles CODE_DIR's main file into /tmp; null for interpreted languages. */
  readonly compile: readonly string[] | null;
  /** Runs the (compiled) code; stdin is redirected from STDIN_FILE by the caller. */
  readonly run: readonly string[];
  /** The compiler's or interpreter's words as a person's error; null when it said none. */
  friendlyError(output: RunOutput): FriendlyError | null;
  /** The step test frameworks it offers, by name; absent: none. */
  readonly tests?: readonly TestFramework[];
}
