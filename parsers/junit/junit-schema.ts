/**
 * The JUnit XML shapes xml2js produces (with the options in read-xml.ts), as zod schemas.
 * Only what the parser reads is declared; everything else (properties, system-out, surefire's
 * flaky/rerun elements) is dropped by zod's default object stripping.
 *
 * Every element is `string | object`: xml2js turns an element with no attributes and no
 * children into `''` and one with only text into that text.
 */
import { z } from 'zod';

const Attributes = z.record(z.string(), z.string());

/** <failure>, <error>, <skipped>: `message`/`type` attributes and/or a text (or CDATA) body. */
export const OutcomeElement = z.union([
  z.string(),
  z.object({ $: Attributes.optional(), _: z.string().optional() }),
]);
export type OutcomeElement = z.infer<typeof OutcomeElement>;

export const TestCaseElement = z.union([
  z.string(),
  z.object({
    $: Attributes.optional(),
    failure: z.array(OutcomeElement).optional(),
    error: z.array(OutcomeElement).optional(),
    skipped: z.array(OutcomeElement).optional(),
  }),
]);
export type TestCaseElement = z.infer<typeof TestCaseElement>;

/** <testsuite> and <testsuites> share a shape: attributes, test cases, nested suites. */
export interface SuiteObject {
  $?: Record<string, string> | undefined;
  testcase?: TestCaseElement[] | undefined;
  testsuite?: SuiteElement[] | undefined;
}
export type SuiteElement = string | SuiteObject;

// Suites nest (PHPUnit, CTest, bazel), so the schema is recursive.
export const SuiteElement: z.ZodType<SuiteElement> = z.lazy(() =>
  z.union([
    z.string(),
    z.object({
      $: Attributes.optional(),
      testcase: z.array(TestCaseElement).optional(),
      testsuite: z.array(SuiteElement).optional(),
    }),
  ]),
);
