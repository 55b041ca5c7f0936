import * as vscode from 'vscode';
import { ConnectionError, ConnectionErrorCode } from '../../client/errors';
import { probeCertificate, sameFingerprint } from '../../client/tlsPin';
import type { Command } from '../command';
import { chooseServer } from './chooseServer';
import { confirmChangedCertificate } from './trustPrompt';

/** Re-pins a server whose certificate changed, after the user compared the new fingerprint. */
export const trustCertificate: Command = {
  id: 'paas.server.trustCertificate',
  async run(context, target?: unknown, options?: unknown): Promise<string> {
    const entry = await chooseServer(context, target, 'Server whose certificate to trust');
    const url = new URL(entry.url);
    if (url.protocol !== 'wss:') throw new Error(`${entry.name} does not use TLS`);
    const presented = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `PaaS.sh: reading the certificate of ${url.host}…`,
      },
      () => probeCertificate(url),
    );
    const expected = (options as { trust?: unknown } | undefined)?.trust;
    const trusted =
      typeof expected === 'string'
        ? sameFingerprint(expected, presented.fingerprint)
        : await confirmChangedCertificate(
            entry.name,
            url.host,
            entry.pin?.fingerprint ?? 'none',
            presented.fingerprint,
          );
    if (!trusted)
      throw new ConnectionError(
        ConnectionErrorCode.CertificateNotTrusted,
        'the new certificate was not trusted',
      );
    await context.store.setPin(entry.id, presented);
    context.log.warn(`${entry.name}: pinned a new certificate ${presented.fingerprint}`);
    context.connections.get(entry.id)?.reconnect();
    await context.connections.whenConnected(entry.id);
    return presented.fingerprint;
  },
};
