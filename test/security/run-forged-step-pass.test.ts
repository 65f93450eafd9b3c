/**
 * A learner's code that attacks a step's tests in go, ruby, rust, java, php and bash: it tries to rewrite
 * the test file (root-owned and read-only: denied), then, called by the test it fails, forges a
 * pass the way each runner's console or report could be forged, and ends the run:
 * - go: prints `--- PASS` and `PASS` for the failing test, then os.Exit(0) (a failure stands;
 *   os.Exit in a test fails it);
 * - ruby: writes a passing JUnit report where the plugin writes its own, then exit!(0) (no
 *   closing line of minitest backs it);
 * - rust: writes the failing test's `ok` line and a passing closing line to the raw stdout, then
 *   process::exit(0) (the test libtest announced and never ran leaves the run cut short);
 * - java: writes a passing report where the launcher writes its own, then System.exit(0) (no
 *   closing table backs it).
 * - php: writes a passing JUnit log where PHPUnit writes its own, then exit(0) (no closing line
 *   of PHPUnit backs it).
 * - bash: prints the failing test's `ok` line into bats's TAP stream (fd 3), then exits 0 from
 *   the test's setup (bats reports the test not ok; a failure stands).
 * None is believed. What a determined in-process forgery still does is written in each
 * framework's file (src/runtimes/<language>/*-step.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ensureImages } from '../runtimes/runtime-harness.js';
import { STEP_CASES } from '../runtimes/step-cases.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run } from './run-attack-harness.js';

const RUN_MS = 600_000;

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext();
  await ensureImages(ctx, ['go', 'ruby', 'rust', 'java', 'php']); // bash: attackContext's
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

const REPORTS = '/workspace/.patchproof/reports';

const FORGERIES: Record<string, string> = {
  go: `package main

import (
	"fmt"
	"os"
)

func Add(a, b int) int {
	if err := os.WriteFile("main_test.go", []byte("package main\\n"), 0o644); err == nil {
		fmt.Println("TAMPERED")
	} else {
		fmt.Println("denied:", err)
	}
	if a < 0 {
		fmt.Println("--- PASS: TestNegative (0.00s)")
		fmt.Println("PASS")
		os.Exit(0)
	}
	return a + b
}

func main() {}
`,
  ruby: `begin
  File.write("main_test.rb", "")
  puts "TAMPERED"
rescue SystemCallError => e
  puts "denied: #{e.class}"
end
$stdout.flush

def add(a, b)
  if a < 0
    File.write("${REPORTS}/minitest/junit-1.xml", %(<?xml version="1.0"?><testsuites><testsuite name="AddTest" tests="2" failures="0" errors="0" skipped="0"><testcase classname="AddTest" name="test_small"/><testcase classname="AddTest" name="test_negative"/></testsuite></testsuites>))
    exit!(0)
  end
  a + b
end
`,
  rust: `use std::io::Write;

fn add(a: i32, b: i32) -> i32 {
    let mut out = std::io::stdout();
    let said = if std::fs::write("/workspace/code/main_test.rs", "").is_ok() { "TAMPERED\\n" } else { "denied\\n" };
    let _ = out.write_all(said.as_bytes());
    if a < 0 {
        let _ = out.write_all(b"test main_test::negative ... ok\\n\\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\\n\\n");
        let _ = out.flush();
        std::process::exit(0);
    }
    a + b
}

fn main() {}
`,
  java: `import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
    static int add(int a, int b) {
        try {
            Files.writeString(Path.of("MainTest.java"), "");
            System.out.println("TAMPERED");
        } catch (Exception e) {
            System.out.println("denied: " + e.getClass().getSimpleName());
        }
        if (a < 0) {
            try {
                Files.writeString(Path.of("${REPORTS}/junit/TEST-junit-jupiter.xml"), "<?xml version=\\"1.0\\"?><testsuite name=\\"JUnit Jupiter\\" tests=\\"2\\" failures=\\"0\\" errors=\\"0\\" skipped=\\"0\\"><testcase name=\\"small()\\" classname=\\"MainTest\\"/><testcase name=\\"negative()\\" classname=\\"MainTest\\"/></testsuite>");
            } catch (Exception e) {
                System.out.println("could not forge: " + e);
            }
            System.exit(0);
        }
        return a + b;
    }

    public static void main(String[] args) {}
}
`,
  php: `<?php
if (@file_put_contents('MainTest.php', '') === false) {
    echo "denied\n";
} else {
    echo "TAMPERED\n";
}

function add(int $a, int $b): int
{
    if ($a < 0) {
        file_put_contents('${REPORTS}/phpunit-junit.xml', '<?xml version="1.0"?><testsuites><testsuite name="MainTest" tests="2" failures="0" errors="0"><testcase name="testSmall" classname="MainTest"/><testcase name="testNegative" classname="MainTest"/></testsuite></testsuites>');
        exit(0);
    }
    return $a + $b;
}
`,
  bash: `if { : > "$BATS_TEST_DIRNAME/main.bats"; } 2> /dev/null; then echo "# TAMPERED" >&3; else echo "# denied" >&3; fi
if [ "$BATS_TEST_DESCRIPTION" = negative ]; then
  echo "ok 2 negative" >&3
  exit 0
fi
add() {
  echo $(( $1 + $2 ))
}
`,
};

for (const step of STEP_CASES) {
  it(`${step.language} (${step.framework}): the test file stays, and a forged pass is not believed`, async () => {
    const code = FORGERIES[step.language];
    if (code === undefined) throw new Error(`no forgery written for ${step.language}`);
    const view = await run(ctx, { language: step.language, code, tests: { framework: step.framework, files: [...step.tests] } });
    expect(view.stdout, view.stdout).toContain('denied');
    expect(view.stdout).not.toContain('TAMPERED');
    expect(view.stdout).not.toContain('could not forge');
    expect(view.tests, JSON.stringify(view.tests)).toMatchObject({ framework: step.framework, passedAll: false });
    // Either the failing test is named failed, or the whole report is not believed.
    const failing = view.tests?.tests.find((t) => t.id === step.failing);
    if (failing?.status !== 'failed') expect(view.tests?.problem).toMatch(/not believed|cut short/);
  }, RUN_MS);
}
