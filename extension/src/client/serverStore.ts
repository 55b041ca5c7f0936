import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { ServerListFile } from './serverListFile';
import type { CertificatePin } from './tlsPin';

/** Where versions before the server list file kept the list (read once, to carry it over). */
const LEGACY_SERVERS_KEY = 'paas.servers';
const tokenKey = (id: string): string => `paas.token.${id}`;

const ServerEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** `wss://host:port` (or `ws://` on loopback). */
  url: z.string().min(1),
  /** The trusted certificate; absent for `ws://`. */
  pin: z.object({ fingerprint: z.string(), pem: z.string() }).optional(),
});
/** A configured agent. The token is not here: it lives in SecretStorage. */
export type ServerEntry = z.infer<typeof ServerEntrySchema>;

/**
 * The configured servers: names, URLs and pinned certificates in a {@link ServerListFile} (synced nowhere,
 * like SSH's known_hosts, and shared by every browser of a code-server), tokens in SecretStorage (the OS
 * keychain on desktop, the browser on code-server), never in settings. A server whose token is missing
 * stays listed: the user signs in to it again with the token only.
 */
export class ServerStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  private entries: ServerEntry[];

  constructor(
    private readonly file: ServerListFile,
    legacyState: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {
    // Entries written by a future version, or damaged, are skipped rather than breaking the extension.
    this.entries = file
      .read(() => legacyState.get<unknown[]>(LEGACY_SERVERS_KEY, []))
      .flatMap((value) => {
        const parsed = ServerEntrySchema.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      });
  }

  list(): ServerEntry[] {
    return [...this.entries];
  }

  get(id: string): ServerEntry | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  findByUrl(url: string): ServerEntry | undefined {
    return this.list().find((entry) => entry.url === url);
  }

  token(id: string): Thenable<string | undefined> {
    return this.secrets.get(tokenKey(id));
  }

  /** Adds a server, or replaces the token and pin of the one with the same URL. */
  async save(entry: Omit<ServerEntry, 'id'>, token: string): Promise<ServerEntry> {
    const existing = this.findByUrl(entry.url);
    const saved: ServerEntry = { ...entry, id: existing?.id ?? randomUUID() };
    await this.secrets.store(tokenKey(saved.id), token);
    await this.write([...this.list().filter((e) => e.id !== saved.id), saved]);
    return saved;
  }

  /** Stores the token of a listed server (signing in again where the secret is missing). */
  async setToken(id: string, token: string): Promise<void> {
    await this.secrets.store(tokenKey(id), token);
    this.changed.fire();
  }

  async setPin(id: string, pin: CertificatePin): Promise<void> {
    await this.write(this.list().map((entry) => (entry.id === id ? { ...entry, pin } : entry)));
  }

  /** Signs out here: the token is deleted, the server stays listed (as on a second code-server browser). */
  async forgetToken(id: string): Promise<void> {
    await this.secrets.delete(tokenKey(id));
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.forgetToken(id);
    await this.write(this.list().filter((entry) => entry.id !== id));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async write(entries: ServerEntry[]): Promise<void> {
    await this.file.write(entries);
    this.entries = entries;
    this.changed.fire();
  }
}
