import { describe, expect, it } from 'vitest';
import { check, type DoctorReport } from '../../../src/doctor/check.js';
import { closingLine, reportJson, reportTable } from '../../../src/doctor/report-view.js';
import { dnsProbeName } from '../../../src/doctor/run-doctor.js';

const report: DoctorReport = {
  image: 'local/debian:bookworm',
  checks: [check('container.user', true, 'a non-root user', '1000:1000'), check('inside.dns', false, '`getent hosts deb.debian.org` finds nothing', 'resolved to 203.0.113.80')],
};

describe('the doctor report', () => {
  it('is a table, one row per check, with a closing line naming the gaps', () => {
    expect(reportTable(report).split('\n')).toEqual([
      '     check           expected                                     actual',
      'ok   container.user  a non-root user                              1000:1000',
      'GAP  inside.dns      `getent hosts deb.debian.org` finds nothing  resolved to 203.0.113.80',
      'doctor: 2 checks, 1 gap (inside.dns)',
    ]);
    expect(closingLine({ image: null, checks: [report.checks[0]!] })).toBe('doctor: 1 check, 0 gaps');
  });

  it('is one JSON object for programs', () => {
    expect(reportJson(report)).toEqual({ ok: false, total: 2, gaps: 1, image: 'local/debian:bookworm', checks: report.checks });
  });

  it('asks the sandbox for the apt mirror host, or a public name when the mirror is no name', () => {
    expect(dnsProbeName('http://ftp.de.debian.org/debian')).toBe('ftp.de.debian.org');
    expect(dnsProbeName('http://10.0.0.5:3142/debian')).toBe('deb.debian.org');
    expect(dnsProbeName('http://[::1]/debian')).toBe('deb.debian.org');
    expect(dnsProbeName('http://mirror/debian')).toBe('deb.debian.org');
    expect(dnsProbeName('not a url')).toBe('deb.debian.org');
  });
});
