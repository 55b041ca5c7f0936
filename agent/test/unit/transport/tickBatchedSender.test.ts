import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { tickBatchedSender } from '../../../src/transport/tickBatchedSender';

/** A wire that records each write it is asked for: one entry per `_write` or `_writev` call. */
function recordingWire(): { wire: Writable; writes: string[][] } {
  const writes: string[][] = [];
  const wire = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      done();
    },
  });
  return { wire, writes };
}

/** Writes a frame the way `ws` does: header and payload under its own cork. */
function frameSocket(wire: Writable): { send(text: string): void } {
  return {
    send(text) {
      wire.cork();
      wire.write(`<${text.length}>`);
      wire.write(text);
      wire.uncork();
    },
  };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('tickBatchedSender', () => {
  it('writes every frame sent in one turn, promise jobs included, in one write', async () => {
    const { wire, writes } = recordingWire();
    const send = tickBatchedSender(frameSocket(wire), wire);
    send('a');
    void Promise.resolve()
      .then(() => send('b'))
      .then(() => send('c'));
    await turn();
    assert.deepEqual(writes, [['<1>', 'a', '<1>', 'b', '<1>', 'c']]);
  });

  it('starts a new write in the next turn, so nothing waits for later frames', async () => {
    const { wire, writes } = recordingWire();
    const send = tickBatchedSender(frameSocket(wire), wire);
    send('one');
    await turn();
    assert.equal(writes.length, 1, 'the first turn was written before the second began');
    send('two');
    await turn();
    assert.deepEqual(writes, [
      ['<3>', 'one'],
      ['<3>', 'two'],
    ]);
    assert.equal(wire.writableCorked, 0, 'the wire is left uncorked');
  });
});
