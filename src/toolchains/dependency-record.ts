/**
 * What the image installed of the project's declared dependencies, as its build recorded it
 * (templates/jest/record-installed.cjs): the tool, the lock file it followed (null: none, so the
 * versions were resolved at build time and are listed here), each declared package's installed
 * version, and how many packages in all. Read from the image by the validation, shown with the
 * result and by `projects show`.
 */
import { z } from 'zod';

export const DependencyRecord = z.object({
  manager: z.string().max(100),
  lockFile: z.string().max(200).nullable(),
  packages: z.array(z.object({ name: z.string().max(300), range: z.string().max(300), version: z.string().max(100).nullable() })).max(2_000),
  total: z.number().int().nonnegative(),
});
export type DependencyRecord = z.infer<typeof DependencyRecord>;

/** The record from the file's text; null when it is missing or not a record (an older image). */
export function parseDependencyRecord(text: string): DependencyRecord | null {
  try {
    const parsed = DependencyRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** One line for people: "yarn 1.22.22 from yarn.lock: 512 packages (jest 28.1.3, ts-jest 28.0.8, ...)". */
export function dependencySummary(record: DependencyRecord, shown = 6): string {
  const from = record.lockFile === null ? 'no lock file (versions resolved at image build)' : record.lockFile;
  const list = record.packages.slice(0, shown).map((p) => `${p.name} ${p.version ?? 'missing'}`);
  const more = record.packages.length > shown ? `, +${record.packages.length - shown} more` : '';
  return `${record.manager} from ${from}: ${record.total} packages${list.length > 0 ? ` (${list.join(', ')}${more})` : ''}`;
}
