/**
 * A Go module's declared dependency through the real pipeline and engine: github.com/google/go-cmp,
 * not in the go image, comes from Debian's golang-github-google-go-cmp-dev at image build and is
 * imported by the tests (a go.work replacement: no proxy, no module cache, no checksum); a module
 * that exists nowhere is build_failed naming it and the package tried. The project configures no
 * coverage: -coverprofile measures it anyway.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { docker, validate } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { writeProject } from '../support/write-project.js';

const GO_MOD = 'module example.com/diffy\n\ngo 1.21\n\nrequire github.com/google/go-cmp v0.6.0\n';
const files: Record<string, string> = {
  'go.mod': GO_MOD,
  'diffy.go': 'package diffy\n\nimport "github.com/google/go-cmp/cmp"\n\n// Changed says how b differs from a, or "" when equal.\nfunc Changed(a, b map[string]int) string {\n\treturn cmp.Diff(a, b)\n}\n\nfunc Unused() int {\n\treturn 1\n}\n',
  'diffy_test.go': 'package diffy\n\nimport (\n\t"testing"\n\n\t"github.com/google/go-cmp/cmp"\n)\n\nfunc TestSame(t *testing.T) {\n\tif d := Changed(map[string]int{"a": 1}, map[string]int{"a": 1}); d != "" {\n\t\tt.Fatal(d)\n\t}\n}\n\nfunc TestDiffers(t *testing.T) {\n\tif !cmp.Equal(1, 1) || Changed(map[string]int{"a": 1}, map[string]int{"a": 2}) == "" {\n\t\tt.Fatal("no diff")\n\t}\n}\n',
};

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('declared Go dependencies from Debian', () => {
  it('builds and tests against go-cmp from golang-github-google-go-cmp-dev, recording Debian\'s version for the one required', { timeout: 600_000 }, async () => {
    const result = await validate(await writeProject('diffy', files), []);
    expect(result.outcome, `${result.reason}\n${result.build?.stdout ?? ''}${result.test?.stderr ?? ''}`).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`).sort()).toEqual(['TestDiffers:passed', 'TestSame:passed']);
    expect(result.dependencies?.missing).toEqual([]);
    expect(result.dependencies?.installed).toHaveLength(1);
    expect(result.dependencies?.installed[0]).toMatchObject({ requirement: 'github.com/google/go-cmp v0.6.0', file: 'go.mod', package: 'golang-github-google-go-cmp-dev', source: 'debian' });
    expect(result.dependencies?.installed[0]?.version).toMatch(/^\d+\.\d+/);
    // Nothing configures coverage: the profile measures it (Unused is not called).
    expect(result.coverage?.linesPct).not.toBeNull();
    expect(result.coverage?.linesPct).toBeLessThan(100);
    expect(result.coverage?.linesCovered).toBeGreaterThan(0);
  });

  it('a module that exists nowhere is build_failed, naming it and the package tried', { timeout: 600_000 }, async () => {
    const result = await validate(await writeProject('diffy', { ...files, 'go.mod': `${GO_MOD}require example.org/nowhere/thing v1.2.3\n` }), []);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe('build failed: declared dependency not found: example.org/nowhere/thing v1.2.3 (go.mod; tried golang-example-nowhere-thing-dev)');
  });
});
