/** A registered project and how it is run: `projects add|list|show`, later /v1/projects. */
import { z } from 'zod';
import { DependenciesView } from './parts.js';

export const ProjectView = z.object({
  id: z.string(),
  name: z.string(),
  root: z.string(),
  /** The framework named at registration; null: detected at each run. */
  framework: z.string().nullable(),
  /** What detection finds in the folder now, and why; null where not looked at (lists). */
  detected: z.object({ framework: z.string(), reason: z.string() }).nullable(),
  testCommand: z.string().nullable(),
  build: z.boolean(),
  protectTests: z.boolean(),
  strict: z.boolean(),
  minChangedCoverage: z.number().nullable(),
  createdAt: z.string(),
  /** What its image installed most recently, from which lock file (show only; null elsewhere or before any run). */
  dependencies: DependenciesView.nullable(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const ProjectListView = z.array(ProjectView);
export type ProjectListView = z.infer<typeof ProjectListView>;
