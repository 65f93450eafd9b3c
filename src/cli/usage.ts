export const USAGE = `patchproof: tells, with evidence, whether a proposed code change is good.

Usage:
  patchproof setup
      Start (or install and start) the Docker engine and make the base image. Idempotent.
  patchproof validate <projectDir> [--changes <file.json>] [--json] [--timeout <s>]
                      [--min-coverage <pct>] [--framework <name>] [--title <t>] [--author <a>]
      Run the project's tests with the proposed changes in a sandbox and record the verdict.
      The changes file is a JSON array of {"filepath", "content"}, {"filepath", "contentBase64"}
      or {"filepath", "delete": true}. Without --changes the project is validated as it is.
      Exit code: 0 executed, 1 rejected, 2 error or bad usage.
  patchproof proposals list [--status <status>] [--json]
  patchproof proposals show <id> [--json]

Configuration comes from environment variables: see .env.example.`;
