import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerCalls } from './worker-calls';

// A thread that doubles `n`, announces itself, and exits when asked to double 13.
const SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ hello: true });
parentPort.on('message', ({ id, n }) => {
  if (n === 13) process.exit(3);
  setTimeout(() => parentPort.postMessage({ id, doubled: n * 2 }), n);
});`;

let worker: Worker;
afterEach(() => worker?.terminate());

describe('WorkerCalls', () => {
  it('answers each call with its own reply, whatever order they come back in', async () => {
    worker = new Worker(SOURCE, { eval: true });
    const announced: unknown[] = [];
    const calls = new WorkerCalls<{ id: number; doubled: number }>(worker, (cause) => cause, (m) => announced.push(m));
    const replies = await Promise.all([30, 1, 10].map((n) => calls.send((id) => ({ id, n }))));
    expect(replies.map((r) => r.doubled)).toEqual([60, 2, 20]);
    expect(announced).toEqual([{ hello: true }]);
  });

  it('fails the waiting calls and every later one when the thread exits', async () => {
    worker = new Worker(SOURCE, { eval: true });
    const calls = new WorkerCalls<{ id: number }>(worker, (cause) => new Error(`thread stopped: ${cause.message}`));
    const waiting = calls.send((id) => ({ id, n: 200 }));
    const crashing = calls.send((id) => ({ id, n: 13 }));
    await expect(waiting).rejects.toThrow('thread stopped: exit code 3');
    await expect(crashing).rejects.toThrow('thread stopped: exit code 3');
    await expect(calls.send((id) => ({ id, n: 1 }))).rejects.toThrow('thread stopped: exit code 3');
    expect(calls.stopped).toBe(true);
  });
});
