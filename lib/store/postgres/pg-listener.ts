import pg from 'pg';
import type { NewEventsNote } from '../types';

/**
 * LISTEN on a connection of its own (a pooled one would be handed to a query mid-wait). When the
 * connection drops it is opened again with a growing pause; every (re)connect ends with a check-in
 * note (count 0), so a subscriber reads what was stored while nobody listened.
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

  private emit(note: NewEventsNote, checkIn = false): void {
    if (note.lastSeq <= this.lastSeq && !checkIn) return;
    this.lastSeq = Math.max(this.lastSeq, note.lastSeq);
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
        // A check-in on every (re)connect: notifications sent while no LISTEN was in place are lost,
        // so subscribers read on from their own positions.
        const seq = await this.currentSeq();
        this.emit({ count: 0, lastSeq: seq }, true);
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
