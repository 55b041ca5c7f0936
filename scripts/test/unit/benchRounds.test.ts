import assert from 'node:assert/strict';
import { foldRounds, meetsAim, median } from '../../src/bench/rounds';

describe('bench rounds', () => {
  it('takes the median, so one noisy round neither passes nor fails a measure', () => {
    const round = (ratio: number) => [
      {
        name: 'rpc',
        value: ratio * 100,
        unit: 'req/s',
        baseline: { name: 'ws', value: 100 },
        ratio,
        aim: 'ratio ≥ 0.7',
      },
    ];
    const [rpc] = foldRounds([0.65, 0.72, 0.95, 0.71, 0.74].map(round));
    assert.deepEqual(rpc!.spread, { min: 0.65, median: 0.72, max: 0.95, rounds: 5 });
    assert.equal(rpc!.ratio, 0.72);
    assert.equal(rpc!.value, 72);
    assert.equal(rpc!.met, true);
    const [slow] = foldRounds([0.4, 0.5, 0.9].map(round));
    assert.equal(slow!.met, false, 'one good round does not pass it');
  });

  it('reads the aims the benches write', () => {
    assert.equal(meetsAim('< 50 ms', 49), true);
    assert.equal(meetsAim('under 300 ms', 301), false);
    assert.equal(meetsAim('ratio ≤ 1.3', 1.42), false);
    assert.equal(meetsAim('0', 0), true);
    assert.equal(meetsAim('ratio ≪ 1', 0.1), undefined);
    assert.equal(median([3, 1, 2, 4]), 2.5);
  });
});
