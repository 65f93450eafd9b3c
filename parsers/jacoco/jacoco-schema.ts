/**
 * JaCoCo XML as xml2js produces it (options in read-xml.ts), as zod schemas. Only the report's
 * own totals are declared: the `<counter>` elements directly under `<report>`. Packages, classes,
 * methods and source files repeat the same numbers at every level, so summing descendants would
 * count each line several times; zod's default stripping drops them.
 * DTD: jacoco/jacoco org.jacoco.report/src/org/jacoco/report/xml/report.dtd.
 */
import { z } from 'zod';

/** `<counter type="LINE" missed="1" covered="7"/>`: all three attributes are #REQUIRED in the DTD. */
export const CounterElement = z.object({
  $: z.object({ type: z.string(), missed: z.string(), covered: z.string() }),
});
export type CounterElement = z.infer<typeof CounterElement>;

// An empty report (`<report name="x"/>`, nothing analysed) still has its name attribute, so it is
// an object; '' would only come from a report with no attributes at all, which the DTD forbids
// but costs nothing to accept.
export const ReportElement = z.union([
  z.string(),
  z.object({ $: z.record(z.string(), z.string()).optional(), counter: z.array(CounterElement).optional() }),
]);
export type ReportElement = z.infer<typeof ReportElement>;
