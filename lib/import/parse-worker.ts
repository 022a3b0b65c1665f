import { parentPort } from 'node:worker_threads';
import { parseLogFile } from './parse-log-file';
import { toWire, wireBuffers } from './event-wire';
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
    // A file without events has no raw buffer; its wire is empty all the same.
    const raw = rawBuffer ?? new ArrayBuffer(0);
    const wire = toWire(events, raw);
    if (!wire) throw new Error('the parser made events whose records are not in its raw buffer');
    reply = { id, counts, wire, rawBuffer: raw, fileBytes: file.byteLength };
    // The events' raw records are views of this one buffer: moved to the main thread, not copied.
    transfer.push(raw, ...wireBuffers(wire));
  } catch (err) {
    reply = { id, reason: reasonOf(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
