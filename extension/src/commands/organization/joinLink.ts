/** What a join link carries: the agent's address and the invitation code. */
export interface JoinLink {
  server: string;
  code: string;
}

/** The path the extension's UriHandler answers for join links. */
export const JOIN_PATH = '/join';

/**
 * `<scheme>://<publisher>.<extension>/join?server=…&code=…`: opened in VS Code, it runs `PaaS: Join
 * Organization…` for that server and code. It holds the code, so it is shown only to the inviter.
 */
export function joinLinkOf(scheme: string, extensionId: string, link: JoinLink): string {
  const query = new URLSearchParams({ server: link.server, code: link.code });
  return `${scheme}://${extensionId}${JOIN_PATH}?${query.toString()}`;
}

/** Reads a join link's query; undefined when a part is missing, so a broken link asks for nothing. */
export function parseJoinQuery(query: string): JoinLink | undefined {
  const params = new URLSearchParams(query);
  const server = params.get('server')?.trim();
  const code = params.get('code')?.trim();
  return server && code ? { server, code } : undefined;
}
