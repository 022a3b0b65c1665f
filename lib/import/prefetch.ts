// Runs a listing ahead of the consumer so the progress bar knows how many files there are (so
// far) while files are being read. Only names are queued; the listing stops when the consumer does.

export interface Prefetched<T> extends AsyncIterable<T> {
  /** Items listed so far, and whether the listing has finished. */
  listed(): { count: number; done: boolean };
}

export function prefetch<T>(source: AsyncIterable<T>, counts: (item: T) => boolean = () => true): Prefetched<T> {
  let queue: T[] = [];
  let head = 0;
  let counted = 0;
  let done = false;
  let stopped = false;
  let error: unknown;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  void (async () => {
    try {
      for await (const item of source) {
        if (stopped) break;
        queue.push(item);
        if (counts(item)) counted++;
        notify();
      }
    } catch (err) {
      error = err;
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    listed: () => ({ count: counted, done }),
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (head < queue.length) {
            const item = queue[head++];
            // Drop consumed names now and then rather than shifting (O(n)) on every item.
            if (head > 4096 && head * 2 > queue.length) (queue = queue.slice(head)), (head = 0);
            yield item;
          } else if (done) {
            if (error !== undefined) throw error;
            return;
          } else {
            await new Promise<void>((resolve) => (wake = resolve));
          }
        }
      } finally {
        stopped = true;
      }
    },
  };
}
