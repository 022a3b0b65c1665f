import type { EventFilter } from '@/lib/filters/schema';
import type { Store } from '@/lib/store/types';
import type { SyncChange } from '@/lib/sync/sync-manager';

// GET /api/events/stream as text/event-stream (SPEC "Live updates"): an `events` message for each
// batch of newly stored events that match the filter, a `sync` message when a sync starts or ends,
// and a comment at least every 15 s. Every message carries `id:` = the storage number read up to, so
// a browser reconnecting with Last-Event-ID resumes exactly there: nothing stored meanwhile is
// missed, nothing is sent twice.

/** Events per `events` message; a burst is sent as several. */
const BATCH = 200;
export const HEARTBEAT_MS = 15_000;

export interface StreamSources {
  store: Pick<Store, 'eventsAfter' | 'lastStoredSeq' | 'onNewEvents'>;
  onSyncChange?: (watcher: (change: SyncChange) => void) => () => void;
}

const encoder = new TextEncoder();

/** The id a client sent back (Last-Event-ID), or null when it sent none; throws on anything else. */
export function parseLastEventId(value: string | null): number | null {
  if (value === null || value === '') return null;
  if (!/^\d{1,15}$/.test(value)) throw new Error('Last-Event-ID must be the id of a message this stream sent (a whole number)');
  return Number(value);
}

export function eventStream(sources: StreamSources, filter: EventFilter, resumeFrom: number | null, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      let seq = resumeFrom ?? (await sources.store.lastStoredSeq());
      // Browsers retry after `retry` ms; the first message tells a fresh client where it stands.
      send(`retry: 2000\nid: ${seq}\n\n`);

      let reading = false;
      let again = false;
      const catchUp = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            for (;;) {
              const part = await sources.store.eventsAfter(seq, filter, BATCH);
              if (closed) return;
              if (part.events.length) send(`id: ${part.lastSeq}\nevent: events\ndata: ${JSON.stringify({ events: part.events })}\n\n`);
              // Events that did not match still move the cursor: an id without data is not an event, but the browser keeps it.
              else if (part.lastSeq !== seq) send(`id: ${part.lastSeq}\n\n`);
              seq = part.lastSeq;
              if (part.events.length < BATCH) break;
            }
          } while (again && !closed);
        } catch (err) {
          send(`: could not read new events (${(err as Error).message.replace(/\s+/g, ' ').slice(0, 200)}); retrying on the next\n\n`);
        } finally {
          reading = false;
        }
      };

      const unsubscribe = sources.store.onNewEvents(() => void catchUp());
      const unwatch = sources.onSyncChange?.((change) => send(`event: sync\ndata: ${JSON.stringify(change)}\n\n`)) ?? (() => {});
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref?.();
      function stop() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      }
      cleanup = stop;
      signal.addEventListener('abort', stop, { once: true });
      // What was stored between the client's last id (or the read of the newest number above) and the
      // subscription: a note in that gap went to nobody.
      await catchUp();
    },
    cancel() {
      cleanup();
    },
  });
}
