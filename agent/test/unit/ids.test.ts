import { strict as assert } from 'node:assert';
import { nowIso } from '../../src/ids';

describe('agent ids', () => {
  it('gives now as an ISO 8601 UTC string, also when called again within the millisecond', () => {
    const before = Date.now();
    const first = nowIso();
    const second = nowIso();
    const after = Date.now();
    for (const text of [first, second]) {
      assert.match(text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const at = Date.parse(text);
      assert.ok(at >= before && at <= after, `${text} is not between ${before} and ${after}`);
    }
  });

  it('moves on with the clock', async () => {
    const first = nowIso();
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(nowIso() > first);
  });
});
