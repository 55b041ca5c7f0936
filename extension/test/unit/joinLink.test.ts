import { strict as assert } from 'node:assert';
import { joinLinkOf, parseJoinQuery } from '../../src/commands/organization/joinLink';

describe('join links', () => {
  it('carries the server and a code with URL-special characters through a round trip', () => {
    const link = joinLinkOf('vscode', 'paas-sh.paas-sh', {
      server: 'wss://h.example:7443',
      code: 'a+b/c=&d',
    });
    const uri = new URL(link);
    assert.equal(uri.protocol, 'vscode:');
    assert.equal(uri.host, 'paas-sh.paas-sh');
    assert.equal(uri.pathname, '/join');
    assert.deepEqual(parseJoinQuery(uri.search.slice(1)), {
      server: 'wss://h.example:7443',
      code: 'a+b/c=&d',
    });
  });

  it('asks for nothing when the link lacks a part', () => {
    assert.equal(parseJoinQuery('server=wss%3A%2F%2Fh'), undefined);
    assert.equal(parseJoinQuery('code=abc&server='), undefined);
  });
});
