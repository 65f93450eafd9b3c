/**
 * What a toolchain may do before its project image is built (Toolchain.prepareImage): build the
 * images it stands on, read them, and hand back files and build arguments for the project image
 * plus a record of what it rewrote in the image's copy of the project (never in the user's files).
 */
import type Docker from 'dockerode';
import { z } from 'zod';
import type { TemplateFile } from './build-context.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';

/** One thing rewritten in the image's copy of the project, and why. */
export const ImageRewrite = z.object({
  /** The project file rewritten (e.g. "pom.xml", "core/pom.xml"). */
  file: z.string(),
  /** What kind of rewrite: "plugin_dropped", "dependency_version", "parent_replaced", ... */
  kind: z.string(),
  /** What was rewritten: groupId:artifactId, a property, an element. */
  subject: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string(),
});
export type ImageRewrite = z.infer<typeof ImageRewrite>;
export const ImageRewrites = z.array(ImageRewrite);

export interface ImagePrepInput {
  readonly docker: Docker;
  readonly snapshot: ProjectSnapshot;
  readonly baseImage: string;
  readonly aptMirror: string;
  /** A remote Maven repository (PATCHPROOF_MAVEN_REPOSITORY_URL); absent or null: none. */
  readonly mavenRepositoryUrl?: string | null;
  readonly timeoutMs: number;
  readonly engineTimeoutMs: number;
  readonly onProgress: (line: string) => void;
}

export interface ImagePreparation {
  /** Added to the project image's build context (and so to its content tag). */
  readonly files: readonly TemplateFile[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly rewrites: readonly ImageRewrite[];
  /**
   * The same rewrite for a file a proposal writes (a changed POM must build offline as the image's
   * copy does); null when the file is not one it rewrites. May throw a ProposalFault (a dependency
   * the changed file declares that the image cannot provide).
   */
  readonly adaptWrite?: (path: string, content: Buffer) => AdaptedWrite | null;
}

export interface AdaptedWrite {
  readonly content: Buffer;
  readonly rewrites: readonly ImageRewrite[];
}
