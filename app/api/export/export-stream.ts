import type { EventSummary } from '@/lib/events/types';
import { toCsv, toNdjson, type ExportFormat } from './export-format';

// A pull-driven byte stream: the next batch is read from the store only when the client has
// taken the previous one, so a slow download holds one batch, never the whole result.

const BATCH = 500;

export function exportStream(events: AsyncIterable<EventSummary>, format: ExportFormat): ReadableStream<Uint8Array> {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const batch: EventSummary[] = [];
      let done = false;
      while (batch.length < BATCH) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        batch.push(next.value);
      }
      // An empty CSV export still gets its header row.
      if (batch.length || (first && format === 'csv')) {
        controller.enqueue(encoder.encode(format === 'csv' ? toCsv(batch, first) : toNdjson(batch)));
      }
      first = false;
      if (done) controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
