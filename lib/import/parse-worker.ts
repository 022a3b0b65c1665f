import { parentPort } from 'node:worker_threads';
import { parseLogFile } from './parse-log-file';
import { toWire } from './event-wire';
import { readLocalLogBytes, reasonOf } from './read-log-file';
import type { ParseReply, ParseRequest } from './log-parser';

// Worker thread body: reads (local files), decodes and normalises, so the main thread spends its
// time on the store's transaction.

parentPort!.on('message', ({ id, bytes, path, gzipped, eventSources }: ParseRequest) => {
  let reply: ParseReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const file = bytes ?? readLocalLogBytes(path!);
    const { rawBuffer, events, ...counts } = parseLogFile(file, gzipped, eventSources);
    const wire = rawBuffer && toWire(events, rawBuffer);
    // The events' raw records are views of this one buffer: moved to the main thread, not copied.
    if (rawBuffer) transfer.push(rawBuffer);
    if (wire) {
      reply = { id, counts, wire, rawBuffer: rawBuffer!, fileBytes: file.byteLength };
      transfer.push(wire.cells.buffer as ArrayBuffer);
    } else {
      // No events (or not the parser's views): as objects.
      reply = { id, parsed: { ...counts, events }, fileBytes: file.byteLength };
    }
  } catch (err) {
    reply = { id, reason: reasonOf(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
