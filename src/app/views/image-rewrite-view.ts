/** What was rewritten in the image's copy of a project so it builds offline (Maven POMs), and why. */
import { z } from 'zod';

export const ImageRewriteView = z.object({
  /** The project file rewritten ("pom.xml", "core/pom.xml"). */
  file: z.string(),
  /** plugin_dropped, plugin_version, dependency_version, dependency_dropped, parent_replaced, java_level, packaging, extension_dropped, package_installed, remote_resolved (fetched from PATCHPROOF_MAVEN_REPOSITORY_URL at image build). */
  kind: z.string(),
  /** groupId:artifactId, a property or element, or a Debian package. */
  subject: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string(),
});
export const ImageRewritesView = z.array(ImageRewriteView);
export type ImageRewritesView = z.infer<typeof ImageRewritesView>;
