/**
 * Where an image build fetches a project's declared dependencies when not from Debian: a pip
 * index, a gem source, a Go module proxy (configuration, PATCHPROOF_PIP_INDEX_URL and the
 * others). Each template reads only its own, as a build argument; an unset one is not passed, so
 * it changes no image tag.
 */
export interface DependencySources {
  readonly pipIndexUrl: string | null;
  readonly gemSource: string | null;
  readonly goProxy: string | null;
  /** A remote Maven repository for what Debian's lacks (the Maven toolchain's image preparation reads it). */
  readonly mavenRepositoryUrl?: string | null;
}

export const DEBIAN_ONLY: DependencySources = { pipIndexUrl: null, gemSource: null, goProxy: null };

/** The build arguments of one template (the names its Dockerfile declares). */
export function dependencyBuildArgs(template: string, sources: DependencySources): Record<string, string> {
  const value = template === 'python' ? sources.pipIndexUrl : template === 'ruby' ? sources.gemSource : template === 'go' ? sources.goProxy : null;
  const name = template === 'python' ? 'PIP_INDEX_URL' : template === 'ruby' ? 'GEM_SOURCE' : 'GO_MODULE_PROXY';
  return value === null ? {} : { [name]: value };
}
