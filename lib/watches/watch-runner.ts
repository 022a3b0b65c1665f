import { createHmac, randomUUID } from 'node:crypto';
import type { EventSummary } from '@/lib/events/types';
import { parseQuery } from '@/lib/filters/parse-query';
import type { EventFilter } from '@/lib/filters/schema';
import type { Delivery, NewDelivery, Store, Watch } from '@/lib/store/types';
import { SECURITY_WATCH_ID, SECURITY_WATCH_NAME, securityQuery } from './builtin';
import { DestinationRefused, checkDestination } from './destination-guard';
import { digestBody, eventBody, viewLink } from './payloads';
import { postJson, type PostResult } from './post-json';

// Watches at work (SPEC "Watches and notifications"), on the replica that leads the background sync:
// new events are matched against each watch and queued in the store's outbox together with the
// watch's new position; the outbox is sent with retries and backoff until a 2xx or 25 hours. A
// burst (more than DIGEST_AFTER matches at once) becomes one digest per destination with a link to
// the filtered view. Deliveries survive restarts: they are rows, and any leader sends them.

export const DIGEST_AFTER = 20;
/** Tried again for at least 24 hours (the spec's floor), then given up as failed. */
export const GIVE_UP_AFTER_MS = 25 * 3_600_000;
const READ = 500;

/** 5 s, 15 s, 30 s, 1, 2, 5, 10 min, then every 15 min: a receiver back after ten minutes is reached within minutes. */
export function backoffMs(attempts: number): number {
  const steps = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  return steps[Math.min(attempts - 1, steps.length)] ?? 900_000;
}

export interface WatchRunnerOptions {
  store: Store;
  /** This replica's name: it campaigns for the sync's role, which the sender shares. */
  owner: string;
  /** Where links in messages point (PACKTRAIL_PUBLIC_URL). */
  baseUrl: string;
  allowPrivate: boolean;
  log?: (line: string) => void;
  tickMs?: number;
  now?: () => number;
  backoff?: (attempts: number) => number;
  resolve?: Parameters<typeof checkDestination>[2];
}

/** A watch's query as a filter on new events: its time window is the view's, not the watch's. */
export function watchFilter(query: string): EventFilter | null {
  const parsed = parseQuery(new URLSearchParams(query), {});
  return parsed.ok ? { ...parsed.value.filter, from: null, to: null } : null;
}

export class WatchRunner {
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: () => void = () => {};
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly o: WatchRunnerOptions) {
    this.now = o.now ?? Date.now;
  }

  start(): void {
    this.unsubscribe = this.o.store.onNewEvents(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.o.tickMs ?? 1_000);
    this.timer.unref();
    this.kick();
  }

  private lastError: string | null = null;

  /** Runs one round now, or once more after the one in progress. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.round().then(
          () => (this.lastError = null),
          (err) => {
            // Rounds run every second: a lasting cause (a store migrated by a newer version) is said once.
            const message = `watches: ${(err as Error).message}`;
            if (message !== this.lastError) this.o.log?.(message);
            this.lastError = message;
          },
        );
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe();
    await this.running;
  }

  private async round(): Promise<void> {
    // One sender among replicas: the one holding the sync's role (the same owner keeps it, so this
    // agrees with the SyncManager's own campaign).
    if (!(await this.o.store.campaign('sync', this.o.owner, 15_000))) return;
    await this.ensureBuiltin();
    const watches = await this.o.store.listWatches();
    for (const watch of watches) await this.queue(watch);
    await this.send(new Map(watches.map((w) => [w.id, w])));
  }

  /** Once per runner: the round runs every second, and the watch, once made, stays. */
  private builtinMade = false;
  private async ensureBuiltin(): Promise<void> {
    if (this.builtinMade) return;
    if (await this.o.store.getWatch(SECURITY_WATCH_ID)) {
      this.builtinMade = true;
      return;
    }
    await this.o.store
      .createWatch({
        id: SECURITY_WATCH_ID,
        name: SECURITY_WATCH_NAME,
        query: securityQuery(),
        builtin: 'security',
        createdAt: new Date(this.now()).toISOString(),
        afterSeq: await this.o.store.lastStoredSeq(),
        destinations: [],
      })
      .catch(() => {}); // made meanwhile by the previous leader
  }

  /** Matches the events stored since the watch's position and queues what its destinations are told. */
  private async queue(watch: Watch): Promise<void> {
    const filter = watchFilter(watch.query);
    if (!filter) return;
    let at = watch.afterSeq;
    let count = 0;
    let first = Infinity;
    let last = -Infinity;
    const kept: EventSummary[] = [];
    // Events older than the watch are not sent, even when stored after it (a backfill, an import).
    // CloudTrail's times are whole seconds: an event in the second the watch was made counts.
    const since = Math.floor(Date.parse(watch.createdAt) / 1000) * 1000;
    for (;;) {
      const part = await this.o.store.eventsAfter(at, filter, READ);
      for (const e of part.events) {
        const t = Date.parse(e.eventTime);
        if (t < since) continue;
        count++;
        first = Math.min(first, t);
        last = Math.max(last, t);
        if (kept.length <= DIGEST_AFTER) kept.push(e);
      }
      at = part.lastSeq;
      if (part.events.length < READ) break;
    }
    if (at === watch.afterSeq) return;
    const rows: NewDelivery[] = [];
    for (const d of watch.destinations) {
      if (count > DIGEST_AFTER) {
        const params = new URLSearchParams(watch.query);
        for (const k of ['range', 'from', 'to']) params.delete(k);
        params.set('from', new Date(first).toISOString());
        params.set('to', new Date(last).toISOString());
        rows.push({ id: randomUUID(), destinationId: d.id, kind: 'digest', body: digestBody(d, watch, count, kept.slice(0, 5), viewLink(this.o.baseUrl, params.toString())) });
      } else {
        for (const e of kept) rows.push({ id: randomUUID(), destinationId: d.id, kind: 'event', body: eventBody(d, watch, e, this.o.baseUrl) });
      }
    }
    await this.o.store.queueDeliveries(watch.id, watch.afterSeq, at, rows, this.now());
  }

  private async send(watches: Map<string, Watch>): Promise<void> {
    for (;;) {
      const due = await this.o.store.dueDeliveries(this.now(), 20);
      if (!due.length) return;
      for (const d of due) {
        if (this.stopped) return;
        await this.attempt(d, watches.get(d.watchId));
      }
      if (due.length < 20) return;
    }
  }

  private async attempt(d: Delivery, watch: Watch | undefined): Promise<void> {
    const destination = watch?.destinations.find((x) => x.id === d.destinationId);
    const attempts = d.attempts + 1;
    if (!destination) {
      await this.o.store.recordAttempt(d.id, { status: 'failed', attempts: d.attempts, nextAt: this.now(), lastError: 'the destination was removed' }, this.now());
      return;
    }
    let result: PostResult & { final?: boolean };
    try {
      const checked = await checkDestination(destination.url, this.o.allowPrivate, this.o.resolve);
      const headers: Record<string, string> = { 'X-Packtrail-Delivery': d.id };
      if (destination.secret) headers['X-Packtrail-Signature'] = `sha256=${createHmac('sha256', destination.secret).update(d.body).digest('hex')}`;
      result = await postJson(checked, d.body, headers);
    } catch (err) {
      // A refused address stays refused; a name that does not resolve now may tomorrow.
      const message = (err as Error).message;
      result = { ok: false, status: null, error: message, final: err instanceof DestinationRefused && /is refused|must|not a URL/.test(message) };
    }
    const now = this.now();
    if (result.ok) await this.o.store.recordAttempt(d.id, { status: 'delivered', attempts, nextAt: now, lastError: null }, now);
    else if (result.final || now - Date.parse(d.createdAt) >= GIVE_UP_AFTER_MS) {
      await this.o.store.recordAttempt(d.id, { status: 'failed', attempts, nextAt: now, lastError: result.error }, now);
      this.o.log?.(`watches: gave up delivery ${d.id} of "${watch!.name}" after ${attempts} attempts: ${result.error}`);
    } else await this.o.store.recordAttempt(d.id, { status: 'pending', attempts, nextAt: now + (this.o.backoff ?? backoffMs)(attempts), lastError: result.error }, now);
  }
}
