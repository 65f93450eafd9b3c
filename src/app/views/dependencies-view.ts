/** What an image build installed of a project's declared dependencies, and from where (images/dependency-record.ts). */
import { z } from 'zod';

export const DependenciesView = z.object({
  toolchain: z.string(),
  installed: z.array(z.object({ requirement: z.string(), file: z.string().optional(), package: z.string(), version: z.string().nullable(), source: z.string() })),
  missing: z.array(z.object({ requirement: z.string(), file: z.string().optional(), tried: z.array(z.string()) })),
  /** The lock file its tool installs from only once free to update it (JavaScript); absent or null: none. */
  staleLock: z.object({ lock: z.string(), manager: z.string() }).nullable().optional(),
  /** true: installed from the manifests the proposal wrote (an image of its own), not the project's. */
  fromChanges: z.boolean().optional(),
});
export type DependenciesView = z.infer<typeof DependenciesView>;

/** A project's newest record, with the validation it came from. */
export const ProjectDependenciesView = z.object({ validationId: z.string(), at: z.string(), record: DependenciesView });
