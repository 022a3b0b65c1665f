import type { TransferListItem, Worker } from 'node:worker_threads';

/**
 * Requests to a worker thread, each answered by a reply carrying the request's id. Once the thread
 * crashes, exits or is stopped, every waiting call fails, and so does every later one, with one
 * error that says why. Messages without an id go to `other` (a thread's own announcements).
 */
export class WorkerCalls<Reply extends { id: number }> {
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  /** `describe` turns the cause of a crash or exit into the error calls fail with. */
  constructor(
    private readonly worker: Worker,
    private readonly describe: (cause: Error) => Error,
    other: (message: unknown) => void = () => {},
  ) {
    worker.on('message', (message: unknown) => {
      const id = (message as { id?: unknown } | null)?.id;
      if (typeof id !== 'number') return other(message);
      const call = this.pending.get(id);
      this.pending.delete(id);
      call?.resolve(message as Reply);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`exit code ${code}`)));
  }

  get stopped(): boolean {
    return this.failure !== null;
  }

  /** The thread is unusable because of `cause`. */
  fail(cause: Error): void {
    this.stop(this.describe(cause));
  }

  /** From now on calls fail with `error` (the first error given wins). */
  stop(error: Error): void {
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
  }

  send(request: (id: number) => unknown, transfer: readonly TransferListItem[] = []): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Reply>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request(id), transfer);
    });
  }
}
