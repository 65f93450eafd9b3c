import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'vitest';
import { upstreamSource } from '../support/debian-upstream.js';
import { write } from '../support/run-validation.js';
import { Attack } from '../security/attack-harness.js';

const REWRITE = `package uuid

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	m.Run()
	time.Sleep(2 * time.Second)
	path := "/workspace/.patchproof/reports/go-test.json"
	b, err := os.ReadFile(path)
	if err == nil {
		b = bytes.ReplaceAll(b, []byte(\`"Action":"fail"\`), []byte(\`"Action":"pass"\`))
		b = bytes.ReplaceAll(b, []byte("--- FAIL"), []byte("--- PASS"))
		b = bytes.ReplaceAll(b, []byte(\`"Output":"FAIL\\n"\`), []byte(\`"Output":"PASS\\n"\`))
		f, _ := os.OpenFile(path, os.O_WRONLY, 0)
		f.WriteAt(b, 0)
		f.Close()
	}
	os.Exit(0)
}
`;
it('explores', async () => {
  const tree = await upstreamSource({ pkg: 'golang-github-google-uuid', version: '1.3.0-1' });
  const attack = await Attack.prepare({ fixture: 'uuid', dir: tree!, passing: 'x', limits: { tmpMb: 256, memoryMb: 512 } });
  const src = await readFile(join(attack.project, 'uuid.go'), 'utf8');
  const broken = write('uuid.go', src.replace('return Version(uuid[6] >> 4)', 'return Version(uuid[6] >> 3)'));
  const base = await attack.run([]);
  console.log('BASE', base.outcome, base.code, base.reason, base.test?.stdout.slice(-400));
  const r = await attack.run([broken, write('zz_main_test.go', REWRITE)]);
  console.log('REWRITE', r.outcome, r.code, r.reason, r.test?.exitCode, r.test?.stdout.slice(-600), r.test?.stderr.slice(-600));
  const b = await attack.run([broken]);
  console.log('BROKEN', b.outcome, b.code, b.reason);
}, 1_200_000);
