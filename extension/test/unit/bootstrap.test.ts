import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapErrorCode, takeBootstrapFile } from '../../src/client/bootstrap';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (i * 7).toString(16).padStart(2, '0').toUpperCase(),
).join(':');
const VALID = { url: 'wss://127.0.0.1:7443', fingerprint: FINGERPRINT, token: 'paas_secret', name: 'demo' };

describe('bootstrap file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'paas-bootstrap-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (content: unknown, mode = 0o600): string => {
    const file = join(dir, 'bootstrap.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content), { mode });
    chmodSync(file, mode);
    return file;
  };
  const refused = (file: string, code: string): void =>
    assert.throws(
      () => takeBootstrapFile(file),
      (error: { code?: string }) => error.code === code,
    );

  it('reads a private file once and deletes it', () => {
    const file = write(VALID);
    assert.deepEqual(takeBootstrapFile(file), VALID);
    assert.equal(existsSync(file), false);
    assert.equal(takeBootstrapFile(file), undefined, 'a second read finds nothing');
  });

  it('refuses, and deletes unused, a file others can read', () => {
    const file = write(VALID, 0o644);
    refused(file, BootstrapErrorCode.Exposed);
    assert.equal(existsSync(file), false);
  });

  it('does not follow a symbolic link', () => {
    const target = write(VALID);
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    refused(link, BootstrapErrorCode.NotRegularFile);
    assert.ok(existsSync(target), 'the target is left alone');
  });

  it('refuses a directory', () => {
    refused(dir, BootstrapErrorCode.NotRegularFile);
  });

  it('refuses plain ws://, a malformed fingerprint, unknown keys and non-JSON, deleting the file', () => {
    for (const content of [
      { ...VALID, url: 'ws://127.0.0.1:7443' },
      { ...VALID, fingerprint: 'abc' },
      { ...VALID, extra: 1 },
      { ...VALID, token: '' },
      'not json',
    ]) {
      const file = write(content);
      refused(file, BootstrapErrorCode.Invalid);
      assert.equal(existsSync(file), false);
    }
  });

  it('never puts the token in an error message', () => {
    const file = write({ ...VALID, url: 'http://x', token: 'paas_do_not_show' });
    assert.throws(
      () => takeBootstrapFile(file),
      (error: Error) => !error.message.includes('paas_do_not_show'),
    );
  });
});
