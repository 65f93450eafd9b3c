import { describe, expect, it } from 'vitest';
import { mountPointsUnder } from '../../../src/engine/unmount-under.js';

describe('mountPointsUnder', () => {
  const mountinfo = [
    '22 1 252:0 / / rw,relatime - ext4 /dev/vda rw',
    '90 22 0:5 / /var/tmp/patchproof-rootfs-x/proc rw - proc proc rw',
    '91 22 0:6 / /var/tmp/patchproof-rootfs-x/sys rw - sysfs sysfs rw',
    '92 22 0:7 /null /var/tmp/patchproof-rootfs-x/dev/null rw - devtmpfs udev rw',
    '93 22 0:8 / /var/tmp/patchproof-rootfs-xy/proc rw - proc proc rw',
    '94 22 0:9 / /var/tmp/with\\040space rw - tmpfs tmpfs rw',
  ].join('\n');

  it('lists mounts inside the directory, deepest first, and not those of a sibling with a longer name', () => {
    expect(mountPointsUnder(mountinfo, '/var/tmp/patchproof-rootfs-x/')).toEqual([
      '/var/tmp/patchproof-rootfs-x/dev/null',
      '/var/tmp/patchproof-rootfs-x/proc',
      '/var/tmp/patchproof-rootfs-x/sys',
    ]);
  });

  it('decodes octal escapes', () => {
    expect(mountPointsUnder(mountinfo, '/var/tmp/with space')).toEqual(['/var/tmp/with space']);
  });
});
