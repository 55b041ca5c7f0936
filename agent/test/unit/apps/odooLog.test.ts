import assert from 'node:assert/strict';
import {
  lastErrors,
  OdooLogParser,
  parseOdooLog,
  severityOf,
  tracebackCause,
} from '../../../src/services/apps/odooLog';

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

/** Odoo 17 failing to load a view on `-u`: the loader's frames first, the cause last. */
const XML_FAILURE = [
  '2024-07-09 12:00:00,000 1 INFO db odoo.modules.loading: loading 24 modules...',
  '2024-07-09 12:00:01,000 1 ERROR db odoo.modules.registry: Failed to load registry',
  '2024-07-09 12:00:01,001 1 CRITICAL db odoo.service.server: Failed to initialize database `db`.',
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/odoo/service/server.py", line 1338, in preload_registries',
  '    registry = Registry.new(dbname, update_module=update_module)',
  '  File "/usr/lib/python3/dist-packages/odoo/modules/loading.py", line 476, in load_modules',
  '    processed_modules += load_marked_modules(env, graph,',
  '  File "/usr/lib/python3/dist-packages/odoo/modules/loading.py", line 229, in load_module_graph',
  "    load_data(env, idref, mode, kind='data', package=package)",
  '  File "/usr/lib/python3/dist-packages/odoo/tools/convert.py", line 608, in convert_xml_import',
  '    doc = etree.parse(xmlfile)',
  '  File "src/lxml/parser.pxi", line 1890, in lxml.etree._parseDocFromFile',
  '  File "/mnt/extra-addons/paas_a/views/views.xml", line 12',
  'lxml.etree.XMLSyntaxError: Opening and ending tag mismatch: field line 11 and record, line 12, column 14',
  '2024-07-09 12:00:01,500 1 INFO db odoo.service.server: Initiating shutdown',
].join('\n');

/** ast.literal_eval refusing a manifest: SyntaxError points at "<unknown>", with the code and a caret. */
const SYNTAX_FAILURE = [
  '2024-07-09 12:00:00,000 1 ERROR db odoo.modules.registry: Failed to load registry',
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/odoo/modules/module.py", line 319, in load_manifest',
  '    manifest.update(ast.literal_eval(f.read()))',
  '  File "/usr/lib/python3.11/ast.py", line 50, in parse',
  '    return compile(source, filename, mode, flags,',
  '  File "<unknown>", line 3',
  "    'version': '1.0',",
  '    ^^^^^^^^^',
  'SyntaxError: invalid syntax. Perhaps you forgot a comma?',
].join('\n');

describe('Odoo errors for a job', () => {
  it('lead with the exception line that ends the traceback, then its file and line', () => {
    const text = lastErrors(XML_FAILURE);
    const lines = text.split('\n');
    assert.equal(
      lines[0],
      'lxml.etree.XMLSyntaxError: Opening and ending tag mismatch: field line 11 and record, line 12, column 14',
    );
    assert.equal(lines[1], 'at /mnt/extra-addons/paas_a/views/views.xml, line 12');
    assert.equal(
      lines[2],
      '2024-07-09 12:00:01,000 1 ERROR db odoo.modules.registry: Failed to load registry',
    );
    assert.ok(text.includes('in load_module_graph'), 'the whole traceback follows');
    assert.ok(!text.includes('Initiating shutdown'), 'INFO records are left out');
  });

  it('find the cause of a SyntaxError under its code and caret lines', () => {
    assert.deepEqual(tracebackCause(SYNTAX_FAILURE), {
      exception: 'SyntaxError: invalid syntax. Perhaps you forgot a comma?',
      location: '<unknown>, line 3',
    });
  });

  it('lead with the cause of a crash before logging started', () => {
    const crash = [
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3.11/getpass.py", line 169, in getuser',
      '    return pwd.getpwuid(os.getuid())[0]',
      "KeyError: 'getpwuid(): uid not found: 1001'",
    ].join('\n');
    assert.equal(lastErrors(crash).split('\n')[0], "KeyError: 'getpwuid(): uid not found: 1001'");
    assert.equal(lastErrors('just\nsome\noutput'), 'just\nsome\noutput');
  });
});
