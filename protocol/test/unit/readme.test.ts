import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReadme } from '../../src';
import { undescribedFields } from '../../src/fields';
import { PROTOCOL_MESSAGES } from '../../src/readme';

describe('protocol README', () => {
  it('is the one generated from the declarations', () => {
    // Compiled to protocol/out/test/unit: the README sits three levels up.
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    assert.ok(
      committed === renderReadme(),
      'protocol/README.md is out of date: run `npx tsc -b protocol && npm run protocol:readme`',
    );
  });

  it('describes every field of every message', () => {
    assert.deepEqual(undescribedFields(PROTOCOL_MESSAGES), []);
  });
});
