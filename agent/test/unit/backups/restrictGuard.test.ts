import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { RestrictGuard } from '../../../src/adapters/pgtools/restrictGuard';

const KEY = 'OurOwnKey0123456789';

/** What psql would read: the dump through the guard, fed in chunks of `size` bytes. */
async function guarded(dump: string, size = 7): Promise<string> {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(dump, 'utf8');
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new RestrictGuard(KEY))) out.push(chunk as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('RestrictGuard: untrusted SQL reaches psql in restricted mode', () => {
  it('opens with our key and drops pg_dump’s own header and closing lines', async () => {
    const dump =
      '--\n-- dump\n--\n\n\\restrict TheirKey99\n\nSET x = 1;\nCOPY t FROM stdin;\né\n\\.\n\n\\unrestrict TheirKey99\n\n';
    assert.equal(
      await guarded(dump),
      `\\restrict ${KEY}\n--\n-- dump\n--\n\n\nSET x = 1;\nCOPY t FROM stdin;\né\n\\.\n\n\n`,
    );
  });

  it('passes a \\restrict or \\unrestrict that is not in the header or at the end on to psql, which refuses it', async () => {
    const dump = 'SET x = 1;\n\\restrict Mine\n\\unrestrict TheirKey99\n\\! rm -rf /\nSELECT 1;\n';
    assert.equal(await guarded(dump, 3), `\\restrict ${KEY}\n${dump}`);
  });

  it('keeps every byte of data in any encoding, and a last line without newline', async () => {
    const latin1 = Buffer.from([0x53, 0x45, 0x4c, 0xe9, 0x0a, 0xff, 0x00, 0x41]);
    const out: Buffer[] = [];
    for await (const chunk of Readable.from([latin1]).pipe(new RestrictGuard(KEY))) out.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(out), Buffer.concat([Buffer.from(`\\restrict ${KEY}\n`), latin1]));
  });

  it('passes a line without end on as it comes instead of gathering it (a dump.sql of zeros)', async () => {
    const guard = new RestrictGuard(KEY);
    let passed = 0;
    guard.on('data', (chunk: Buffer) => (passed += chunk.length));
    const zeros = Buffer.alloc(64 * 1024);
    for (let i = 0; i < 32; i += 1) guard.write(zeros);
    await new Promise((resolve) => setImmediate(resolve));
    const header = `\\restrict ${KEY}\n`.length;
    assert.ok(passed >= header + 31 * zeros.length, `only ${passed} bytes passed before the end`);
    guard.end('\nSELECT 1;\n\\! echo meta\n');
    await new Promise((resolve) => guard.once('end', resolve));
    assert.equal(passed, header + 32 * zeros.length + '\nSELECT 1;\n\\! echo meta\n'.length);
  });

  it('keeps a long line that starts a meta-command whole for psql to refuse', async () => {
    const dump = `SELECT 1;\n\\! ${'x'.repeat(10_000)}\nSELECT 2;\n`;
    assert.equal(await guarded(dump, 1000), `\\restrict ${KEY}\n${dump}`);
  });

  it('refuses a weak key', () => {
    assert.throws(() => new RestrictGuard('short'), /16 or more/);
  });
});
