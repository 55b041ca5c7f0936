import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { CertificatePin } from './tlsPin';

const SERVERS_KEY = 'paas.servers';
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
 * The configured servers: names, URLs and pinned certificates in globalState (synced nowhere, like
 * SSH's known_hosts), tokens in SecretStorage (the OS keychain on desktop), never in settings.
 */
export class ServerStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  list(): ServerEntry[] {
    const stored = this.state.get<unknown[]>(SERVERS_KEY, []);
    // Entries written by a future version, or damaged, are skipped rather than breaking the extension.
    return stored.flatMap((value) => {
      const parsed = ServerEntrySchema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
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

  async setPin(id: string, pin: CertificatePin): Promise<void> {
    await this.write(this.list().map((entry) => (entry.id === id ? { ...entry, pin } : entry)));
  }

  async remove(id: string): Promise<void> {
    await this.secrets.delete(tokenKey(id));
    await this.write(this.list().filter((entry) => entry.id !== id));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async write(entries: ServerEntry[]): Promise<void> {
    await this.state.update(SERVERS_KEY, entries);
    this.changed.fire();
  }
}
