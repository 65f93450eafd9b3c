/**
 * The root of a document read by readXml (explicitRoot: true gives `{ rootTag: content }`),
 * plus a readable account of where a zod schema rejected its content.
 */
import { z } from 'zod';

const XmlDocument = z.record(z.string(), z.unknown());

export interface RootElement {
  readonly tag: string;
  readonly content: unknown;
}

export function rootElement(document: unknown): RootElement | null {
  const parsed = XmlDocument.safeParse(document);
  if (!parsed.success) return null;
  const [entry] = Object.entries(parsed.data);
  return entry === undefined ? null : { tag: entry[0], content: entry[1] };
}

/** "unexpected structure at testsuites.testsuite.0.testcase.3: Invalid input", from the first issue. */
export function describeStructureError(rootTag: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue === undefined ? [] : issue.path.map(String);
  return `unexpected structure at ${[rootTag, ...path].join('.')}: ${issue?.message ?? 'invalid'}`;
}
