import assert from 'node:assert/strict';
import { OdooLogParser, parseOdooLog, severityOf } from '../../../src/services/apps/odooLog';

const TRACEBACK = [
  "2024-01-02 03:04:05,678 7 ERROR mydb odoo.modules.module: Couldn't load module x",
  'Traceback (most recent call last):',
  '  File "/x/__init__.py", line 2, in <module>',
  'ImportError: boom',
];

describe('Odoo log parsing', () => {
  it('parses the netsvc record format', () => {
    const [line] = parseOdooLog('2024-01-02 03:04:05,678 1 INFO ? odoo.service.server: HTTP service running');
    assert.deepEqual(line, {
      time: '2024-01-02T03:04:05.678Z',
      level: 'INFO',
      logger: 'odoo.service.server',
      db: null,
      message: 'HTTP service running',
      raw: '2024-01-02 03:04:05,678 1 INFO ? odoo.service.server: HTTP service running',
    });
  });

  it('keeps a multi-line traceback with its record', () => {
    const lines = parseOdooLog(
      [...TRACEBACK, '2024-01-02 03:04:06,000 7 WARNING mydb odoo.x: next'].join('\n'),
    );
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.level, 'ERROR');
    assert.equal(lines[0]!.db, 'mydb');
    assert.match(lines[0]!.message, /Traceback[\s\S]*ImportError: boom$/);
    assert.equal(lines[1]!.level, 'WARNING');
  });

  it('holds the last record until flushed, so a traceback arriving later still joins it', () => {
    const parser = new OdooLogParser();
    assert.deepEqual(parser.push(TRACEBACK[0]!), []);
    assert.deepEqual(parser.push(TRACEBACK[1]!), []);
    const [record] = parser.flush();
    assert.match(record!.message, /Traceback/);
  });

  it('passes other output through as plain lines', () => {
    const [line] = parseOdooLog('Database connection failure: x');
    assert.equal(line!.level, null);
    assert.equal(line!.message, 'Database connection failure: x');
  });

  it('counts WARNING as warnings and ERROR or CRITICAL as errors', () => {
    const lines = parseOdooLog(
      ['WARNING', 'ERROR', 'CRITICAL', 'INFO'].map((l) => `2024-01-02 03:04:05,678 1 ${l} ? x: m`).join('\n'),
    );
    assert.deepEqual(lines.map(severityOf), ['warning', 'error', 'error', undefined]);
  });
});
