/**
 * Cobertura XML as xml2js produces it (options in read-xml.ts), as zod schemas. Written by
 * coverage.py / pytest-cov, istanbul's `cobertura` reporter, the original Java Cobertura and
 * others. Only what the parser reads is declared. Every element is `string | object` because
 * xml2js turns an element with no attributes and no children into `''`.
 */
import { z } from 'zod';

const Attributes = z.record(z.string(), z.string());

/** `<line number hits branch condition-coverage/>`. */
export const LineElement = z.union([z.string(), z.object({ $: Attributes.optional() })]);

const LinesElement = z.union([z.string(), z.object({ line: z.array(LineElement).optional() })]);

// Class-level <lines> only: Java Cobertura repeats each line under <methods><method><lines>,
// and counting both would double them.
const ClassElement = z.union([
  z.string(),
  z.object({ $: Attributes.optional(), lines: z.array(LinesElement).optional() }),
]);

const ClassesElement = z.union([z.string(), z.object({ class: z.array(ClassElement).optional() })]);

const PackageElement = z.union([
  z.string(),
  z.object({ $: Attributes.optional(), classes: z.array(ClassesElement).optional() }),
]);

const PackagesElement = z.union([z.string(), z.object({ package: z.array(PackageElement).optional() })]);

export const CoverageElement = z.union([
  z.string(),
  z.object({ $: Attributes.optional(), packages: z.array(PackagesElement).optional() }),
]);
export type CoverageElement = z.infer<typeof CoverageElement>;
