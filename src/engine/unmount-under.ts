/**
 * Unmounts whatever is mounted at or below a directory, so that it can be deleted without
 * deleting through a mount into the host's /proc, /sys or /dev.
 */
import { readFile } from 'node:fs/promises';
import { runHostProgram } from './host-program.js';

const UMOUNT_TIMEOUT_MS = 30_000;

/** Pure: the mount points in /proc/self/mountinfo text at or below `dir`, deepest first. */
export function mountPointsUnder(mountinfo: string, dir: string): string[] {
  const root = dir.replace(/\/+$/, '');
  const points: string[] = [];
  for (const line of mountinfo.split('\n')) {
    // Field 5 is the mount point, with space, tab, newline and backslash written as octal escapes.
    const field = line.split(' ')[4];
    if (field === undefined) continue;
    const point = field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
    if (point === root || point.startsWith(`${root}/`)) points.push(point);
  }
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

async function currentMountsUnder(dir: string): Promise<string[]> {
  return mountPointsUnder(await readFile('/proc/self/mountinfo', 'utf8'), dir);
}

/** Returns the mount points that are still there afterwards (empty when all went). */
export async function unmountUnder(dir: string): Promise<string[]> {
  let points: string[];
  try {
    points = await currentMountsUnder(dir);
  } catch {
    return []; // no /proc/self/mountinfo: not Linux, and nothing of ours mounted anything
  }
  // A few passes, since mounts can be stacked on one point and each unmount removes only the top.
  for (let pass = 0; pass < 3 && points.length > 0; pass += 1) {
    for (const point of points) {
      // A lazy unmount detaches a busy mount from the tree at once, which is all deleting needs.
      for (const args of [[point], ['-l', point]]) {
        const result = await runHostProgram('umount', args, { timeoutMs: UMOUNT_TIMEOUT_MS }).catch(() => undefined);
        if (result?.code === 0) break;
      }
    }
    try {
      points = await currentMountsUnder(dir);
    } catch {
      return points;
    }
  }
  return points;
}
