import assert from 'node:assert/strict';
import { ErrorCode, RpcError, permissionsOf } from '@paas/protocol';
import { z } from 'zod';
import { TransferErrorCode, TransferFailure } from '../../src/client/transfers';
import { dispatch, type HandlerMap } from '../../src/webviews/messages/dispatch';
import { DashboardToExtensionSchema, type DashboardToExtension } from '../../src/webviews/messages/dashboard';
import { accessViewOf } from '../../src/webviews/shared/access';
import { errorViewOf } from '../../src/webviews/shared/errorView';
import { contentSecurityPolicy, renderWebviewHtml } from '../../src/webviews/shared/html';

describe('webviews: contracts (pure)', () => {
  it('gates actions per environment with the minimum role', () => {
    const access = accessViewOf(permissionsOf('developer'));
    assert.deepEqual(access.gates.production['app.deploy'], { allowed: false, minimumRole: 'developerPlus' });
    assert.deepEqual(access.gates.development['app.deploy'], { allowed: true, minimumRole: 'developer' });
    assert.deepEqual(access.gates.project['members.manage'], { allowed: false, minimumRole: 'admin' });
    // Outside an environment, environment-scoped actions are judged by the strictest one.
    assert.equal(access.gates.project['app.deploy'].allowed, false);
  });

  it('turns agent InvalidParams into field issues with dotted paths', () => {
    const view = errorViewOf(
      new RpcError(ErrorCode.InvalidParams, 'bad', {
        issues: [{ path: ['firstEnvironment', 'branch'], message: 'no such branch' }],
      }),
    );
    assert.deepEqual(view.issues, [{ path: 'firstEnvironment.branch', message: 'no such branch' }]);
    assert.equal(view.codeName, 'InvalidParams');
  });

  it('reports local schema failures like the agent, and hides unexpected errors', () => {
    const local = errorViewOf(z.object({ name: z.string().min(1) }).safeParse({ name: '' }).error);
    assert.equal(local.code, ErrorCode.InvalidParams);
    assert.equal(local.issues[0]?.path, 'name');
    const internal = errorViewOf(new Error('ECONNRESET at /home/secret'));
    assert.equal(internal.code, ErrorCode.InternalError);
    assert.equal(internal.message.includes('secret'), false);
  });

  it('shows why a download or upload broke, and the agent refusal of one as the agent said it', () => {
    const broken = errorViewOf(
      new TransferFailure(TransferErrorCode.Failed, 'the archive ended after 10 of 20 bytes'),
    );
    assert.equal(broken.message, 'the archive ended after 10 of 20 bytes');
    const refused = errorViewOf(new RpcError(ErrorCode.Forbidden, 'needs backup.restore', { status: 403 }));
    assert.deepEqual([refused.codeName, refused.message], ['Forbidden', 'needs backup.restore']);
  });

  it('dispatches each message to its own handler', () => {
    const seen: string[] = [];
    const handlers: HandlerMap<DashboardToExtension> = {
      ready: () => seen.push('ready'),
      selectEnvironment: (m) => seen.push(m.environmentType),
      refresh: () => seen.push('refresh'),
      setShowDisabled: (m) => seen.push(String(m.show)),
      createApp: () => seen.push('createApp'),
      automateEnvironment: () => seen.push('automate'),
      destroyEnvironment: () => seen.push('destroy'),
      openApp: (m) => seen.push(m.appId),
      appAction: (m) => seen.push(m.action),
      appMore: () => seen.push('more'),
      openLogs: (m) => seen.push(m.level),
    };
    dispatch(
      handlers,
      DashboardToExtensionSchema.parse({ type: 'selectEnvironment', environmentType: 'staging' }),
    );
    dispatch(
      handlers,
      DashboardToExtensionSchema.parse({
        type: 'appAction',
        requestId: 'r1',
        appId: 'app1',
        action: 'deploy',
      }),
    );
    assert.deepEqual(seen, ['staging', 'deploy']);
    assert.equal(
      DashboardToExtensionSchema.safeParse({ type: 'appAction', appId: 'a', action: 'rm -rf' }).success,
      false,
    );
  });

  it('renders a page with the strict CSP, a nonce on every script and no remote origin', () => {
    const html = renderWebviewHtml({
      screen: 'dashboard',
      title: 'D',
      cspSource: 'https://x.vscode-cdn.net',
      nonce: 'abc',
      resources: {
        script: 'https://x.vscode-cdn.net/d.js',
        style: 'https://x.vscode-cdn.net/d.css',
        codicons: 'https://x.vscode-cdn.net/c.css',
      },
    });
    assert.match(
      contentSecurityPolicy('https://x.vscode-cdn.net', 'abc'),
      /^default-src 'none'; .*script-src 'nonce-abc'$/,
    );
    assert.match(html, /<script nonce="abc" src="https:\/\/x\.vscode-cdn\.net\/d\.js">/);
    assert.equal(/https?:\/\/(?!x\.vscode-cdn\.net)/.test(html), false);
  });
});
