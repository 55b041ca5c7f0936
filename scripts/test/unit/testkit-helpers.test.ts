import * as assert from 'node:assert/strict';
import { demuxLogs } from '../../src/testkit/docker';
import { addonFiles, manifestText } from '../../src/testkit/git';
import { parseEnvLines } from '../../src/testkit/services';

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('testkit helpers', () => {
  it('demultiplexes Docker log frames from stdout and stderr', () => {
    assert.equal(demuxLogs(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])), 'out\nerr\n');
  });

  it('parses KEY=value lines, values may contain =', () => {
    assert.deepEqual(parseEnvLines('A=1\nB=x=y\n\nnoise\n'), { A: '1', B: 'x=y' });
  });

  it('writes an Odoo manifest and addon skeleton', () => {
    const text = manifestText('demo', { version: '2.1.0', depends: ['base', 'web'] });
    assert.match(text, /'version': '2\.1\.0'/);
    assert.match(text, /'depends': \['base', 'web'\]/);
    assert.match(text, /'installable': True/);
    assert.deepEqual(Object.keys(addonFiles({ demo: { files: { 'models/a.py': '' } } })).sort(), [
      'demo/__init__.py',
      'demo/__manifest__.py',
      'demo/models/a.py',
    ]);
  });
});
