/** A registered project and how it is run: `projects add|list|show`, later /v1/projects. */
import { ProjectDependenciesView } from './dependencies-view.js';
import { z } from 'zod';
import { ImageRewritesView } from './image-rewrite-view.js';

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
  /** A project from git: its URL, the ref proposals default to, and (show, add) that ref's commit and tree now; null: a folder. */
  git: z.object({ url: z.string(), ref: z.string(), commit: z.string().nullable(), tree: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  /** The newest recorded install of its declared dependencies; null when none (or in lists). */
  dependencies: ProjectDependenciesView.nullable(),
  /**
   * What its latest validation rewrote in the image's copy of the project so it builds offline
   * (Maven POMs), and why; null where not looked up (lists) or never recorded. Absent in lists.
   */
  imageRewrites: ImageRewritesView.nullable().optional(),
});
export type ProjectView = z.infer<typeof ProjectView>;

/** One page of projects by name (GET /v1/projects, list_projects): `nextCursor` asks for the next, null on the last. */
export const ProjectListView = z.object({ projects: z.array(ProjectView), nextCursor: z.string().nullable() });
export type ProjectListView = z.infer<typeof ProjectListView>;
