import { AsyncLocalStorage } from 'node:async_hooks';
import timers from 'node:timers';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { releaseRunImmediates } from './release-immediates';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Two immediates of one event-loop turn, each scheduled inside its own request's store; the second
 * is kept, as the Error that ends a Flight render keeps the Immediate it ran in. Whether the first
 * request's store can still be collected.
 */
async function firstStoreCollected(keep: typeof setImmediate): Promise<boolean> {
  const als = new AsyncLocalStorage<{ render: number[] }>();
  let first: WeakRef<object> | null = null;
  let kept: NodeJS.Immediate | null = null;
  await new Promise<void>((done) => {
    const firstStore = { render: new Array<number>(100_000).fill(1) };
    first = new WeakRef(firstStore);
    als.run(firstStore, () => setImmediate(() => {}));
    als.run({ render: [] }, () => {
      kept = keep(() => setImmediate(done));
    });
  });
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 5));
    gc();
  }
  expect(kept).not.toBeNull();
  return first!.deref() === undefined;
}

describe('releaseRunImmediates', () => {
  it('lets a finished request be collected while an Immediate that ran after it in the same turn is still referenced', async () => {
    releaseRunImmediates();
    expect(await firstStoreCollected(setImmediate)).toBe(true);
    // Libraries that import setImmediate from node:timers get the same one.
    expect(await firstStoreCollected(timers.setImmediate)).toBe(true);
  });

  it('keeps setImmediate working: arguments, this, order, clearImmediate and its promisified form', async () => {
    releaseRunImmediates();
    const installed = globalThis.setImmediate;
    releaseRunImmediates();
    expect(globalThis.setImmediate).toBe(installed); // a second call does not wrap twice
    const seen: string[] = [];
    const cleared = setImmediate(() => seen.push('cleared'));
    setImmediate((a: string, b: string) => seen.push(`${a}${b}`), 'x', 'y');
    let self: unknown = null;
    const own = setImmediate(function (this: unknown) {
      self = this;
      seen.push('z');
    });
    clearImmediate(cleared);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['xy', 'z']);
    expect(self).toBe(own);
    const { promisify } = await import('node:util');
    expect(await promisify(setImmediate)('value')).toBe('value');
  });
});
