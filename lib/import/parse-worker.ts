import { parentPort } from 'node:worker_threads';
import { parseLogFile } from './parse-log-file';
import { readLocalLogBytes, reasonOf } from './read-log-file';
import type { ParseReply, ParseRequest } from './log-parser';

// Worker thread body: reads (local files), decodes and normalises, so the main thread spends its
// time on the store's transaction.

parentPort!.on('message', ({ id, bytes, path, gzipped, eventSources }: ParseRequest) => {
  let reply: ParseReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const file = bytes ?? readLocalLogBytes(path!);
    const { rawBuffer, ...parsed } = parseLogFile(file, gzipped, eventSources);
    reply = { id, parsed, fileBytes: file.byteLength };
    // The events' raw records are views of this one buffer: moved to the main thread, not copied.
    if (rawBuffer) transfer = [rawBuffer];
  } catch (err) {
    reply = { id, reason: reasonOf(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
