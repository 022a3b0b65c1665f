import { parentPort } from 'node:worker_threads';
import { parseLogFile } from './parse-log-file';
import { toWire } from './event-wire';
import { readLocalLogBytes, reasonOf } from './read-log-file';
import type { ParseReply, ParseRequest } from './log-parser';

// Worker thread body: reads (local files), decodes and normalises, so the main thread spends its
// time on the store's transaction.

parentPort!.on('message', ({ id, bytes, path, gzipped, eventSources }: ParseRequest) => {
  let reply: ParseReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const file = bytes ?? readLocalLogBytes(path!);
    const { rawBuffer, events, ...counts } = parseLogFile(file, gzipped, eventSources);
    const wire = rawBuffer && toWire(events, rawBuffer);
    // The events' raw records are views of this one buffer: moved to the main thread, not copied.
    if (wire) reply = { id, counts, wire, rawBuffer: rawBuffer!, fileBytes: file.byteLength }, (transfer = [rawBuffer!, wire.cells.buffer as ArrayBuffer]);
    else reply = { id, parsed: { ...counts, events }, fileBytes: file.byteLength }, (transfer = rawBuffer ? [rawBuffer] : []);
  } catch (err) {
    reply = { id, reason: reasonOf(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
