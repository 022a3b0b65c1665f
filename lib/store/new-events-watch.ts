import type { NewEventsNote } from './types';

/**
 * Notes for onNewEvents from a store that cannot push them (SQLite): its newest sequence number,
 * read every `intervalMs` while anyone listens. A read is one lookup at the end of the events'
 * primary key, and it sees commits of every connection: this process's threads, the CLI, another
 * server on the same file.
 */
export class NewEventsWatch {
  private readonly listeners = new Set<(note: NewEventsNote) => void>();
  private timer: NodeJS.Timeout | null = null;
  private last: number | null = null;
  private reading = false;

  constructor(
    private readonly lastSeq: () => Promise<number>,
    private readonly intervalMs = 250,
  ) {}

  subscribe(listener: (note: NewEventsNote) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.last = null;
      void this.poll();
      this.timer = setInterval(() => void this.poll(), this.intervalMs).unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const seq = await this.lastSeq();
      // The first read after a start is a check-in: whatever was stored before it is the subscribers' to read.
      if (this.last === null || seq > this.last) {
        const note = { count: this.last === null ? 0 : seq - this.last, lastSeq: seq };
        this.last = seq;
        for (const l of this.listeners) l(note);
      }
    } catch {
      // A store closing under the watch; the next poll (if any) tries again.
    } finally {
      this.reading = false;
    }
  }
}
