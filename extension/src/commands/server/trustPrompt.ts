import * as vscode from 'vscode';

/** Asks, like SSH on a first connection, whether to trust a server's certificate. */
export async function confirmNewCertificate(host: string, fingerprint: string): Promise<boolean> {
  const trust = 'Trust and Connect';
  const answer = await vscode.window.showWarningMessage(
    `The authenticity of the PaaS.sh server ${host} can't be established.`,
    {
      modal: true,
      detail:
        `Certificate SHA-256 fingerprint:\n${fingerprint}\n\n` +
        'Compare it with what `paas-agent fingerprint` prints on the server. ' +
        'Trust this certificate and connect? It will be pinned: a different certificate will be refused.',
    },
    trust,
  );
  return answer === trust;
}

/** Warns, louder, that a pinned certificate changed, and asks whether to trust the new one. */
export async function confirmChangedCertificate(
  name: string,
  host: string,
  pinned: string,
  presented: string,
): Promise<boolean> {
  const trust = 'Trust New Certificate';
  const answer = await vscode.window.showWarningMessage(
    `WARNING: the certificate of the PaaS.sh server "${name}" (${host}) has CHANGED!`,
    {
      modal: true,
      detail:
        'Someone could be intercepting the connection (a man-in-the-middle attack), or the agent was ' +
        'reinstalled with a new certificate. The connection was refused and no token was sent.\n\n' +
        `Pinned:    ${pinned}\nPresented: ${presented}\n\n` +
        'Only trust the new certificate if `paas-agent fingerprint` on the server prints it.',
    },
    trust,
  );
  return answer === trust;
}
