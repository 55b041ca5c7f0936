import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

/** A real OpenSSH server on 127.0.0.1 for SFTP storage tests, started and stopped by the test itself. */
export interface TestSshd {
  port: number;
  /** Directory on the server the storage writes to (the tests read it directly to check). */
  boxDir: string;
  username: string;
  privateKey: string;
  hostKeySha256: string;
  /** With the `password` option: a throwaway system account that logs in with a password. */
  passwordLogin?: { username: string; password: string };
  /** Authorizes one more client key, encrypted with `passphrase`; returns the private key. */
  addClientKey(passphrase: string): string;
  stop(): Promise<void>;
}

/**
 * sshd checks passwords against the system's accounts, so password login needs a real one: a uniquely
 * named user (other tests may run their own sshd at the same time), removed again by `stop`.
 */
function createPasswordUser(): { username: string; password: string } {
  const username = `paassftp${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', username]);
  execFileSync('chpasswd', { input: `${username}:${password}\n` });
  return { username, password };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('sshd did not start listening');
}

/**
 * Starts sshd with a temporary host key, a temporary client key in its own authorized_keys, key login
 * only and the internal SFTP server (with `git`, also commands such as git-upload-pack; with `password`, also
 * password login for a throwaway account). Needs root (it logs in as root) and the openssh-server package.
 */
export async function startSshd(
  dir: string,
  options: { git?: boolean; password?: boolean } = {},
): Promise<TestSshd> {
  const port = await freePort();
  const boxDir = join(dir, 'box');
  mkdirSync(boxDir, { recursive: true });
  mkdirSync('/run/sshd', { recursive: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_ed25519')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_ed25519.pub')));
  const passwordLogin = options.password ? createPasswordUser() : undefined;
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    `PasswordAuthentication ${passwordLogin ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'Subsystem sftp internal-sftp',
    // With `git`, the key may run git-upload-pack (a git server over ssh); otherwise SFTP only.
    ...(options.git ? [] : ['ForceCommand internal-sftp']),
  ];
  writeFileSync(join(dir, 'sshd_config'), config.join('\n') + '\n');
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
  await waitForPort(port, child);
  const fingerprint = execFileSync(
    'ssh-keygen',
    ['-l', '-E', 'sha256', '-f', join(dir, 'host_ed25519.pub')],
    { encoding: 'utf8' },
  ).split(' ')[1]!;
  return {
    port,
    boxDir,
    username: 'root',
    privateKey: readFileSync(join(dir, 'client_ed25519'), 'utf8'),
    hostKeySha256: fingerprint,
    passwordLogin,
    addClientKey(passphrase) {
      const file = join(dir, `client_${randomBytes(4).toString('hex')}`);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', file]);
      appendFileSync(join(dir, 'authorized_keys'), readFileSync(`${file}.pub`));
      return readFileSync(file, 'utf8');
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (passwordLogin) execFileSync('userdel', ['--remove', passwordLogin.username], { stdio: 'ignore' });
    },
  };
}
