/**
 * One line of `go test -json` (cmd/test2json's TestEvent), as a zod schema. Only the fields the
 * parser reads; Action stays a plain string so an action newer than this code (Go 1.25's `attr`)
 * is skipped, not a reason to reject the stream.
 */
import { z } from 'zod';

export const GoTestEvent = z.object({
  Action: z.string(),
  /** Import path of the package under test; absent on Go >= 1.24 build events. */
  Package: z.string().optional(),
  /** Test name, "Parent/sub" for subtests; absent on package-level events. */
  Test: z.string().optional(),
  /** Seconds, on pass/fail of tests and packages. */
  Elapsed: z.number().optional(),
  Output: z.string().optional(),
  /** Go >= 1.24 build-output / build-fail events: "pkg [pkg.test]". */
  ImportPath: z.string().optional(),
  /** Go >= 1.24: set on a package's fail event when its test binary did not build. */
  FailedBuild: z.string().optional(),
});
export type GoTestEvent = z.infer<typeof GoTestEvent>;
