/** What an image is built from besides the project, apart from the code that builds it (no import circle through the build context). */
import type { TemplateFile } from './build-context.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import type { ImagePrepInput, ImagePreparation } from './image-preparation.js';

/** What an image is built from besides the project: a folder under templates/, plus files made on the host. A toolchain is one. */
export interface ImageRecipe {
  /** Recorded on the image (label patchproof.toolchain). */
  readonly name: string;
  /** Folder under templates/ holding its Dockerfile. */
  readonly template: string;
  /** Files added to the build context beside the template's; hashed into the tag. */
  extraContext?(): Promise<readonly TemplateFile[]>;
  /** The project's dependency manifests and lock files, installed in a layer of their own. */
  dependencyManifests?(snapshot: ProjectSnapshot): readonly string[];
  /**
   * Run before the project image is built, with the engine: builds what the image stands on and
   * rewrites, in the image's copy only, what the project needs to build offline (Maven's POMs).
   */
  prepareImage?(input: ImagePrepInput): Promise<ImagePreparation>;
}
