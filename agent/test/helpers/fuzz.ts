/** A small seeded PRNG (mulberry32), so a failing fuzz run can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One malformed (or merely odd) frame: text, or a Buffer to go out as a binary frame. */
export type FuzzFrame = string | Buffer;

/** Builds malformed JSON-RPC traffic from a seed; every kind of damage the agent must shrug off. */
export class MessageFuzzer {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  next(): FuzzFrame {
    const generators = [
      () => this.randomText(),
      () => this.truncated(),
      () => this.wrongJsonrpc(),
      () => this.wrongId(),
      () => this.deeplyNested(),
      () => this.wrongParams(),
      () => this.unknownMethod(),
      () => this.binary(),
      () => this.strayResponseOrNotification(),
    ];
    return this.pick(generators)();
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }

  /** Ids far from the small counters a Peer uses, so no fuzz reply is mistaken for a real one. */
  private id(): number | string {
    return this.random() < 0.5 ? 1e9 + this.int(1_000_000) : `fuzz-${this.int(1_000_000)}`;
  }

  private validRequest(): string {
    return JSON.stringify({ jsonrpc: '2.0', id: this.id(), method: 'agent/ping', params: { payload: 'x' } });
  }

  /** Printable and unprintable characters, valid UTF-8 (invalid UTF-8 text is a WebSocket violation). */
  private randomText(): string {
    return Array.from({ length: 1 + this.int(512) }, () => String.fromCharCode(this.int(0xd7ff))).join('');
  }

  private truncated(): string {
    const text = this.validRequest();
    return text.slice(0, this.int(text.length - 1));
  }

  private wrongJsonrpc(): string {
    const jsonrpc = this.pick([undefined, '1.0', '2', 2, null, '2.0 ', ['2.0']]);
    return JSON.stringify({ jsonrpc, id: this.id(), method: 'agent/ping', params: {} });
  }

  private wrongId(): string {
    const id = this.pick([null, 1.5, true, {}, [], 'i'.repeat(129), -0.1, { id: 1 }]);
    return JSON.stringify({ jsonrpc: '2.0', id, method: 'agent/ping', params: {} });
  }

  private deeplyNested(): string {
    const depth = 1000 + this.int(20_000);
    const [open, close] = this.random() < 0.5 ? ['[', ']'] : ['{"a":', '}'];
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return this.pick([
      `{"jsonrpc":"2.0","id":${JSON.stringify(this.id())},"method":"agent/ping","params":{"payload":${nested}}}`,
      `{"jsonrpc":"2.0","id":${JSON.stringify(this.id())},"method":"agent/ping","params":{"deep":${nested}}}`,
      `{"jsonrpc":"2.0","id":${nested},"method":"agent/ping"}`,
      nested,
    ]);
  }

  private wrongParams(): string {
    const [method, params] = this.pick<[string, unknown]>([
      ['agent/ping', { payload: this.int(100) }],
      ['agent/ping', { payload: 'p'.repeat(65_537) }],
      ['agent/ping', 'params'],
      ['agent/ping', 42],
      ['agent/ping', [1, 2, 3]],
      ['servers/list', { unexpected: [null] }],
      ['initialize', { protocolVersion: 1 }],
      ['initialize', { protocolVersion: '1.0.0', client: { name: '', version: 'x' } }],
    ]);
    return JSON.stringify({ jsonrpc: '2.0', id: this.id(), method, params });
  }

  private unknownMethod(): string {
    const method = this.pick([
      '',
      'nope',
      '__proto__',
      'constructor',
      'agent/',
      `x/${this.int(1e6)}`,
      'm'.repeat(200),
    ]);
    return JSON.stringify({ jsonrpc: '2.0', id: this.id(), method, params: {} });
  }

  private binary(): Buffer {
    return this.random() < 0.5 ? this.bytes(1 + this.int(1024)) : Buffer.from(this.validRequest());
  }

  private strayResponseOrNotification(): string {
    return this.pick([
      JSON.stringify({ jsonrpc: '2.0', id: this.id(), result: { anything: true } }),
      JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -1, message: 'client-side error' } }),
      JSON.stringify({ jsonrpc: '2.0', method: `x/${this.int(1e6)}`, params: {} }),
      JSON.stringify({ jsonrpc: '2.0', id: this.id(), result: 1, error: { code: 1, message: 'both' } }),
    ]);
  }
}
