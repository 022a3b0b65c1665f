// Node 20 leaves an Immediate's queue links (_idlePrev, _idleNext) in place after it has run
// (lib/internal/timers.js, processImmediate), so every Immediate of one event-loop turn keeps the
// others of that turn reachable, and each carries the AsyncLocalStorage store of the request that
// scheduled it. React's Flight renderer ends every page render by aborting its cache signal with an
// Error whose stack keeps the Immediate it ran in. Together, each finished page render kept earlier
// ones reachable through the turns they shared: at 20 clients on /events, ~330 responses with their
// render state and gzip streams were alive at any moment instead of the ~20 in flight, promoted to
// the old generation and collected by a major GC every second (37–106 ms pauses). With keep-alive
// clients it was worse: every render stayed until its connection closed, so pages used to close theirs.

import timers from 'node:timers';

interface QueuedImmediate {
  _idlePrev: QueuedImmediate | null;
  _idleNext: QueuedImmediate | null;
}

const installed = Symbol.for('packtrail.releaseRunImmediates');

/**
 * Makes setImmediate (the global and node:timers' export, one function) unlink each Immediate from the one before it as it runs. The one
 * before has run by then and Node has read its `_idleNext`; nothing reads `_idlePrev` of a run
 * Immediate (clearImmediate returns early for one). Idempotent.
 */
export function releaseRunImmediates(): void {
  const g = globalThis as typeof globalThis & { [installed]?: true };
  if (g[installed]) return;
  g[installed] = true;
  const nodeSetImmediate = g.setImmediate;
  function setImmediate<A extends unknown[]>(callback: (...args: A) => void, ...args: A): NodeJS.Immediate {
    return nodeSetImmediate(function unlinkThenRun(this: QueuedImmediate) {
      const before = this._idlePrev;
      if (before) before._idleNext = null;
      this._idlePrev = null;
      callback.apply(this, args);
    });
  }
  // Keeps setImmediate[util.promisify.custom] and __promisify__.
  Object.defineProperties(setImmediate, Object.getOwnPropertyDescriptors(nodeSetImmediate));
  g.setImmediate = timers.setImmediate = setImmediate as typeof g.setImmediate;
}
