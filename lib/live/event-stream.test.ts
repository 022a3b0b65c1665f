import { afterEach, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecord } from '@/lib/testing/records';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';
import type { SyncChange } from '@/lib/sync/sync-manager';
import { eventStream, parseLastEventId } from './event-stream';

interface Message {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads a text/event-stream body message by message, as a browser's EventSource parses it. */
function reader(body: ReadableStream<Uint8Array>) {
  const it = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: Message[] = [];
  return {
    async next(timeoutMs = 5000): Promise<Message> {
      const until = Date.now() + timeoutMs;
      while (!queue.length) {
        const split = buffer.indexOf('\n\n');
        if (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const m: Message = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) m.comment = line.slice(1).trim();
            else {
              const [field, ...rest] = line.split(':');
              const value = rest.join(':').replace(/^ /, '');
              if (field === 'id' || field === 'event' || field === 'data') m[field] = value;
            }
          }
          queue.push(m);
          continue;
        }
        if (Date.now() > until) throw new Error('no message in time');
        const { value, done } = await Promise.race([it.read(), new Promise<never>((_, no) => setTimeout(() => no(new Error('no message in time')), until - Date.now()))]);
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
      return queue.shift()!;
    },
    cancel: () => it.cancel(),
  };
}

const T0 = Date.now() - 60_000;
const event = (eventName: string) => normalizeRecord(JSON.stringify(makeRecord({ time: T0, eventName })));

describe.each(STORE_BACKENDS)('the live event stream (%s store)', (backend) => {
  const temp = useTempStore(backend);
  const aborts: AbortController[] = [];
  afterEach(() => aborts.splice(0).forEach((a) => a.abort()));
  const open = (filter = emptyFilter, resume: number | null = null, extra: Parameters<typeof eventStream>[0] = { store: temp.store }, heartbeatMs?: number) => {
    const abort = new AbortController();
    aborts.push(abort);
    return reader(eventStream(extra, filter, resume, abort.signal, heartbeatMs));
  };

  it('sends the events stored after it opened that match its filter, with the storage number as id', async () => {
    await temp.store.commitPage([event('UpdateChannel')]);
    const stream = open({ ...emptyFilter, ops: ['DeleteChannel'] });
    const first = await stream.next();
    expect(first.id).toBe(String(await temp.store.lastStoredSeq()));
    const wanted = event('DeleteChannel');
    await temp.store.commitPage([event('UpdateChannel'), wanted]);
    const message = await stream.next(3000);
    expect(message.event).toBe('events');
    expect(JSON.parse(message.data!).events.map((e: { eventId: string }) => e.eventId)).toEqual([wanted.summary.eventId]);
    expect(message.id).toBe(String(await temp.store.lastStoredSeq()));
  });

  it('resumes from Last-Event-ID with everything stored meanwhile, and nothing twice', async () => {
    const stream = open();
    const mark = (await stream.next()).id!;
    await stream.cancel();
    const missed = [event('UpdateChannel'), event('DeleteChannel')];
    await temp.store.commitPage(missed);
    const again = open(emptyFilter, parseLastEventId(mark));
    await again.next(); // retry and where it resumes from
    const caught = await again.next();
    expect(JSON.parse(caught.data!).events.map((e: { eventId: string }) => e.eventId)).toEqual(missed.map((e) => e.summary.eventId));
    await temp.store.commitPage([event('ListChannels')]);
    const next = await again.next(3000);
    expect(JSON.parse(next.data!).events).toHaveLength(1);
  });

  it('says when a sync starts and ends, and keeps the connection alive with comments', async () => {
    let tell: (c: SyncChange) => void = () => {};
    const stream = open(emptyFilter, null, { store: temp.store, onSyncChange: (w) => ((tell = w), () => {}) }, 50);
    await stream.next();
    expect((await stream.next()).comment).toBe('keep-alive');
    tell({ running: true, startedAt: '2026-12-04T00:00:00.000Z', finishedAt: null, newEvents: null });
    let m = await stream.next();
    while (m.comment) m = await stream.next();
    expect(m).toMatchObject({ event: 'sync', data: JSON.stringify({ running: true, startedAt: '2026-12-04T00:00:00.000Z', finishedAt: null, newEvents: null }) });
  });
});

describe('Last-Event-ID', () => {
  it('is a storage number or nothing', () => {
    expect(parseLastEventId(null)).toBeNull();
    expect(parseLastEventId('42')).toBe(42);
    expect(() => parseLastEventId('42; DROP TABLE events')).toThrow(/whole number/);
  });
});
