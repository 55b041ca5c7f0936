import { strict as assert } from 'node:assert';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  RpcError,
  classifyMessage,
  errorCodeName,
  isCompatibleVersion,
  majorOf,
  readMessageId,
} from '../../src';

describe('protocol messages', () => {
  describe('classifyMessage', () => {
    const cases: [string, unknown, string | undefined][] = [
      ['a request', { jsonrpc: '2.0', id: 1, method: 'agent/ping', params: {} }, 'request'],
      ['a request with a string id and no params', { jsonrpc: '2.0', id: 'a', method: 'm' }, 'request'],
      ['a request with positional params', { jsonrpc: '2.0', id: 2, method: 'm', params: [1] }, 'request'],
      ['a notification', { jsonrpc: '2.0', method: 'metrics/didSample', params: {} }, 'notification'],
      ['a result', { jsonrpc: '2.0', id: 3, result: { ok: true } }, 'response'],
      ['an error', { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'no' } }, 'response'],
      [
        'an error with id null',
        { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'x' } },
        'response',
      ],
      ['a result beside a non-string method', { jsonrpc: '2.0', id: 4, method: 5, result: 1 }, 'response'],
      ['a request with id null', { jsonrpc: '2.0', id: null, method: 'm' }, undefined],
      ['a fractional id', { jsonrpc: '2.0', id: 1.5, method: 'm' }, undefined],
      ['an object id', { jsonrpc: '2.0', id: {}, method: 'm' }, undefined],
      ['JSON-RPC 1.0', { jsonrpc: '1.0', id: 1, method: 'm' }, undefined],
      ['no jsonrpc member', { id: 1, method: 'm' }, undefined],
      ['an empty method', { jsonrpc: '2.0', id: 1, method: '' }, undefined],
      ['scalar params', { jsonrpc: '2.0', id: 1, method: 'm', params: 'x' }, undefined],
      ['an error without code', { jsonrpc: '2.0', id: 1, error: { message: 'x' } }, undefined],
      ['a string', 'hello', undefined],
      ['null', null, undefined],
      ['an array', [], undefined],
    ];
    for (const [name, value, kind] of cases) {
      it(`classifies ${name} as ${kind ?? 'no message'}`, () => {
        assert.equal(classifyMessage(value)?.kind, kind);
      });
    }
  });

  describe('versions', () => {
    it('reads the major part of major.minor.patch only', () => {
      assert.equal(majorOf('1.2.3'), 1);
      assert.equal(majorOf('12.0.0'), 12);
      assert.equal(majorOf('1.2'), undefined);
      assert.equal(majorOf('v1.2.3'), undefined);
      assert.equal(majorOf('1.2.3-beta'), undefined);
    });

    it('accepts the same major version and refuses any other', () => {
      assert.equal(isCompatibleVersion('1.0.0', '1.9.4'), true);
      assert.equal(isCompatibleVersion('1.3.0', '1.0.0'), true);
      assert.equal(isCompatibleVersion('1.0.0', '2.0.0'), false);
      assert.equal(isCompatibleVersion('2.0.0', '1.0.0'), false);
      assert.equal(isCompatibleVersion('1.0.0', 'garbage'), false);
      assert.equal(isCompatibleVersion('garbage', 'garbage'), false);
    });

    it('is compatible with itself', () => {
      assert.equal(isCompatibleVersion(PROTOCOL_VERSION, PROTOCOL_VERSION), true);
    });
  });

  describe('ids and errors', () => {
    it('reads a usable id from a malformed message, or null', () => {
      assert.equal(readMessageId({ id: 7, method: 5 }), 7);
      assert.equal(readMessageId({ id: 'x', jsonrpc: '1.0' }), 'x');
      assert.equal(readMessageId({ id: 1.5 }), null);
      assert.equal(readMessageId({ id: { nested: 1 } }), null);
      assert.equal(readMessageId({ id: 'x'.repeat(129) }), null);
      assert.equal(readMessageId('text'), null);
      assert.equal(readMessageId(null), null);
    });

    it('names every error code, and unknown ones by number', () => {
      for (const [name, code] of Object.entries(ErrorCode)) assert.equal(errorCodeName(code), name);
      assert.equal(errorCodeName(-1), 'Error-1');
    });

    it('has a distinct number for every error code', () => {
      const codes = Object.values(ErrorCode);
      assert.equal(new Set(codes).size, codes.length);
    });

    it('round-trips an RpcError through its wire object', () => {
      const error = new RpcError(ErrorCode.NotFound, 'no such app', { id: 'abc' });
      assert.deepEqual(error.toObject(), {
        code: ErrorCode.NotFound,
        message: 'no such app',
        data: { id: 'abc' },
      });
      const back = RpcError.fromObject(error.toObject());
      assert.equal(back.code, ErrorCode.NotFound);
      assert.equal(back.message, 'no such app');
      assert.deepEqual(back.data, { id: 'abc' });
      assert.deepEqual(new RpcError(ErrorCode.Canceled, 'x').toObject(), {
        code: ErrorCode.Canceled,
        message: 'x',
      });
    });
  });
});
