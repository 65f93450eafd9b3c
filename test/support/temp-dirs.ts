/** Temporary folders for one test file, all removed by `removeAll` (call it in afterAll). */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class TempDirs {
  private readonly made: string[] = [];

  async make(prefix = 'patchproof-core-'): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  }

  /**
   * A new folder holding `files` (relative path → content; a trailing "/" makes an empty folder)
   * and `links` (relative path → symlink target).
   */
  async project(files: Readonly<Record<string, string | Buffer>>, links: Readonly<Record<string, string>> = {}): Promise<string> {
    const root = await this.make();
    for (const [path, content] of Object.entries(files)) {
      if (path.endsWith('/')) {
        await mkdir(join(root, path), { recursive: true });
        continue;
      }
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
    for (const [path, target] of Object.entries(links)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await symlink(target, join(root, path));
    }
    return root;
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
