import { parentPort } from 'node:worker_threads';
import { parseLogFile } from './parse-log-file';
import { reasonOf } from './read-log-file';
import type { ParseReply, ParseRequest } from './log-parser';

// Worker thread body: decodes and normalises files the main thread has read, so the main thread
// spends its time on the store's transaction.

parentPort!.on('message', ({ id, bytes, gzipped, eventSources }: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id, parsed: parseLogFile(bytes, gzipped, eventSources) };
  } catch (err) {
    reply = { id, reason: reasonOf(err) };
  }
  parentPort!.postMessage(reply);
});
