import { strict as assert } from 'node:assert';
import { mapContainerPath, parseTracebackFrames } from '../../src/logs/traceback';

describe('Odoo traceback path mapping', () => {
  const modules = new Map([
    ['sale_extra', '/ws/addons/sale_extra'],
    ['website_theme', '/ws/website_theme'],
  ]);

  it('finds every frame of a traceback line with its offsets', () => {
    const line = '  File "/mnt/extra-addons/sale_extra/models/sale.py", line 42, in action_confirm';
    const [frame] = parseTracebackFrames(line);
    assert.deepEqual(frame, {
      path: '/mnt/extra-addons/sale_extra/models/sale.py',
      line: 42,
      start: 2,
      end: line.indexOf(', in'),
    });
    assert.equal(
      line.slice(frame!.start, frame!.end),
      'File "/mnt/extra-addons/sale_extra/models/sale.py", line 42',
    );
    assert.deepEqual(parseTracebackFrames('2026-01-01 INFO odoo: no frames here'), []);
  });

  it('maps /mnt/extra-addons/<module>/… to the module folder of the workspace', () => {
    const index = { mappings: [], modules };
    assert.equal(
      mapContainerPath('/mnt/extra-addons/sale_extra/models/sale.py', index),
      '/ws/addons/sale_extra/models/sale.py',
    );
    assert.equal(
      mapContainerPath('/opt/odoo/custom/repo/website_theme/controllers/main.py', index),
      '/ws/website_theme/controllers/main.py',
    );
  });

  it('leaves Odoo core files alone', () => {
    const index = { mappings: [], modules };
    assert.equal(
      mapContainerPath('/usr/lib/python3/dist-packages/odoo/addons/sale/models/sale_order.py', index),
      undefined,
    );
    assert.equal(mapContainerPath('/mnt/extra-addons/sale_extra', index), undefined);
  });

  it('applies explicit mappings first, the longest prefix winning', () => {
    const index = {
      mappings: [
        { from: '/mnt/extra-addons', to: '/ws' },
        { from: '/mnt/extra-addons/vendor/', to: '/vendor-checkout' },
      ],
      modules,
    };
    assert.equal(mapContainerPath('/mnt/extra-addons/vendor/x/y.py', index), '/vendor-checkout/x/y.py');
    assert.equal(
      mapContainerPath('/mnt/extra-addons/sale_extra/models/sale.py', index),
      '/ws/sale_extra/models/sale.py',
    );
  });
});
