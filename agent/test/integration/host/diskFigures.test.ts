import assert from 'node:assert/strict';
import { run } from '@paas/scripts/out/src/testkit/index.js';
import { SystemInformationProbe } from '../../../src/adapters/host/systemInformation';

/** `df -B1` of one mount: Size, Used and Avail in bytes. */
async function df(mount: string): Promise<{ size: number; used: number; avail: number }> {
  const { stdout } = await run('df', ['-B1', '--output=size,used,avail', mount]);
  const [size = NaN, used = NaN, avail = NaN] = stdout.trim().split('\n')[1]!.trim().split(/\s+/).map(Number);
  return { size, used, avail };
}

describe('host probe: disk figures', function () {
  this.timeout(30_000);

  it('reports size, used and available of / as df does, fresh with every snapshot', async () => {
    const probe = new SystemInformationProbe();
    await probe.snapshot(); // The mount list is read (and cached) by the first snapshot.
    const expected = await df('/');
    const root = (await probe.snapshot()).filesystems.find((f) => f.mount === '/');
    assert.ok(root, 'the root filesystem is listed');
    // Other processes write meanwhile: the same figures within 64 MiB.
    const near = (actual: number, wanted: number, what: string): void =>
      assert.ok(Math.abs(actual - wanted) <= 64 * 1024 ** 2, `${what}: ${actual} vs df ${wanted}`);
    assert.equal(root.totalBytes, expected.size);
    near(root.usedBytes, expected.used, 'used');
    near(root.availableBytes, expected.avail, 'available');
  });
});
