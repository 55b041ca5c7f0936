import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const OUT_SRC = join(__dirname, '..', '..', 'src');

/** Runs `body` in a fresh node with the agent's logger and death handlers; its exit code and JSON log lines. */
function die(body: string): { status: number | null; lines: Array<Record<string, unknown>> } {
  const script = `
const { createLogger } = require(${JSON.stringify(join(OUT_SRC, 'log.js'))});
const { logProcessDeath } = require(${JSON.stringify(join(OUT_SRC, 'processDeath.js'))});
logProcessDeath(createLogger('info'));
${body}`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
  const lines = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: child.status, lines };
}

describe('a dying agent logs why', () => {
  it('logs an unhandled stream error as fatal and exits 1', () => {
    const { status, lines } = die(`
const { PassThrough } = require('node:stream');
setTimeout(() => new PassThrough().destroy(new Error('disk said no')), 10);`);
    assert.equal(status, 1);
    const fatal = lines.find((line) => line.level === 60);
    assert.ok(fatal, JSON.stringify(lines));
    assert.equal(fatal.msg, 'agent dying: uncaught exception');
    assert.equal((fatal.err as { message: string }).message, 'disk said no');
    assert.equal(lines.at(-1)?.msg, 'agent process exiting with an error');
  });

  it('logs an unhandled rejection as fatal and exits 1', () => {
    const { status, lines } = die(`Promise.reject(new Error('nobody caught me'));`);
    assert.equal(status, 1);
    const fatal = lines.find((line) => line.level === 60);
    assert.equal(fatal?.msg, 'agent dying: unhandled promise rejection');
    assert.equal((fatal?.err as { message: string }).message, 'nobody caught me');
  });

  it('logs a clean exit with its code', () => {
    const { status, lines } = die(`process.exit(0);`);
    assert.equal(status, 0);
    assert.deepEqual(
      lines.map((line) => [line.msg, line.code]),
      [['agent process exiting', 0]],
    );
  });
});
