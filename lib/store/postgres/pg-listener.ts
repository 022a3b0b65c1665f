import pg from 'pg';
import type { NewEventsNote } from '../types';

/**
 * LISTEN on a connection of its own (a pooled one would be handed to a query mid-wait). When the
 * connection drops it is opened again with a growing pause; on every (re)connect `caughtUp` runs, so a
 * note missed while disconnected is made up from the store's newest sequence number.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;
  private readonly listeners = new Set<(note: NewEventsNote) => void>();
  private connecting: Promise<void> | null = null;
  private lastSeq = 0;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly currentSeq: () => Promise<number>,
  ) {}

  subscribe(listener: (note: NewEventsNote) => void): () => void {
    this.listeners.add(listener);
    this.connecting ??= this.connect();
    return () => void this.listeners.delete(listener);
  }

  private emit(note: NewEventsNote): void {
    if (note.lastSeq <= this.lastSeq) return;
    this.lastSeq = note.lastSeq;
    for (const l of this.listeners) l(note);
  }

  private async connect(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client(this.config);
      try {
        await client.connect();
        client.on('notification', (msg) => {
          try {
            const note = JSON.parse(msg.payload ?? '') as NewEventsNote;
            if (Number.isFinite(note.lastSeq) && Number.isFinite(note.count)) this.emit(note);
          } catch {
            // Not one of ours; ignored.
          }
        });
        client.on('error', () => this.reconnect(client));
        client.on('end', () => this.reconnect(client));
        await client.query(`LISTEN ${this.channel}`);
        this.client = client;
        this.retryMs = 250;
        const seq = await this.currentSeq();
        if (this.lastSeq === 0) this.lastSeq = seq;
        else if (seq > this.lastSeq) this.emit({ count: seq - this.lastSeq, lastSeq: seq });
        return;
      } catch {
        await client.end().catch(() => {});
        await new Promise((r) => setTimeout(r, this.retryMs).unref());
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      }
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    void client.end().catch(() => {});
    this.connecting = this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
