import assert from 'node:assert/strict';
import type { MountedFilesystem } from '../../../src/adapters/host/probe';
import { dataDisks } from '../../../src/services/metrics/mounts';

const fs = (device: string, type: string, mount: string, totalBytes = 100): MountedFilesystem => ({
  device,
  type,
  mount,
  usedBytes: 10,
  totalBytes,
  availableBytes: 5,
});

describe('metrics mount filtering', function () {
  it('keeps real disks once each and drops container and memory mounts', function () {
    const disks = dataDisks([
      fs('overlay', 'overlay', '/var/lib/docker/overlay2/abc/merged'),
      fs('/dev/vda1', 'ext4', '/var/lib/docker/containers/abc/hostname'),
      fs('/dev/vda1', 'ext4', '/srv/bind'),
      fs('/dev/vda1', 'ext4', '/'),
      fs('tmpfs', 'tmpfs', '/dev/shm'),
      fs('shm', 'tmpfs', '/run/docker/netns/x'),
      fs('/dev/vdb', 'xfs', '/data'),
      fs('/dev/loop0', 'squashfs', '/snap/core/1'),
      fs('/dev/vdc', 'ext4', '/empty', 0),
    ]);
    assert.deepEqual(
      disks.map((d) => d.mount),
      ['/', '/data'],
    );
  });
});
