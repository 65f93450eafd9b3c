/**
 * A project patchproof validates proposals against: a named directory, and how it is run when
 * detection is not enough (a framework named, its own test command, no build step).
 */
import { EntitySchema } from 'typeorm';
import { epochMs } from './bigint-number.js';

export interface ProjectRow {
  id: string;
  name: string;
  rootPath: string;
  /** Toolchain named instead of detected; null = detect. */
  framework: string | null;
  /** The project's own test command (must write JUnit XML); null = the toolchain's. */
  testCommand: string | null;
  /** Whether the toolchain's build step runs before the tests. */
  build: boolean;
  /** The default of --protect-tests for proposals to this project. */
  protectTests: boolean;
  /** The default of --strict: proposals graded absolutely rather than against the baseline. */
  strict: boolean;
  /** The default of --min-changed-coverage (percent) for proposals to this project; null: none. */
  minChangedCoverage: number | null;
  /** A project from git: the URL its mirror (at rootPath) fetches from, never with credentials; null: a folder. */
  gitUrl: string | null;
  /** The branch, tag or commit proposals are judged on when they name no base; null: the remote's HEAD. */
  gitRef: string | null;
  createdAt: number;
}

export const ProjectEntity = new EntitySchema<ProjectRow>({
  name: 'Project',
  tableName: 'projects',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    name: { type: 'varchar', length: 200, unique: true },
    rootPath: { name: 'root_path', type: 'varchar', length: 4096 },
    framework: { type: 'varchar', length: 32, nullable: true },
    testCommand: { name: 'test_command', type: 'text', nullable: true },
    build: { type: 'boolean', default: true },
    protectTests: { name: 'protect_tests', type: 'boolean', default: false },
    strict: { name: 'strict_grading', type: 'boolean', default: false },
    minChangedCoverage: { name: 'min_changed_coverage', type: 'real', nullable: true },
    gitUrl: { name: 'git_url', type: 'varchar', length: 2048, nullable: true },
    gitRef: { name: 'git_ref', type: 'varchar', length: 256, nullable: true },
    createdAt: epochMs('created_at'),
  },
});
