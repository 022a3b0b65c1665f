import { describe, expect, it } from 'vitest';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';
import type { Watch } from '../types';

// Watches and the outbox of their deliveries, on both backends.

const watch = (over: Partial<Watch> = {}): Watch => ({
  id: 'w1',
  name: 'Deletions',
  query: 'op=DeleteChannel',
  builtin: null,
  createdAt: '2026-12-04T00:00:00.000Z',
  afterSeq: 10,
  destinations: [{ id: 'd1', type: 'webhook', url: 'https://hooks.example.com/a', secret: 's3cret' }],
  ...over,
});

describe.each(STORE_BACKENDS)('watches (%s store)', (backend) => {
  const temp = useTempStore(backend);

  it('are kept with their destinations, secrets included (the API masks them), and deleted with their pending deliveries', async () => {
    await temp.store.createWatch(watch());
    await temp.store.createWatch(watch({ id: 'w2', name: 'Security', builtin: 'security', destinations: [], createdAt: '2026-12-04T00:00:01.000Z' }));
    expect(await temp.store.addWatchDestination('w2', { id: 'd2', type: 'slack', url: 'https://hooks.slack.com/services/T/B/X', secret: null })).toBe(true);
    expect(await temp.store.addWatchDestination('nope', { id: 'd3', type: 'slack', url: 'https://x', secret: null })).toBe(false);
    expect(await temp.store.listWatches()).toEqual([watch(), watch({ id: 'w2', name: 'Security', builtin: 'security', createdAt: '2026-12-04T00:00:01.000Z', destinations: [{ id: 'd2', type: 'slack', url: 'https://hooks.slack.com/services/T/B/X', secret: null }] })]);
    await temp.store.queueDeliveries('w1', 10, 12, [{ id: 'x1', destinationId: 'd1', kind: 'event', body: '{}' }], 1000);
    expect(await temp.store.deleteWatch('w1')).toBe(true);
    expect(await temp.store.deleteWatch('w1')).toBe(false);
    expect(await temp.store.getWatch('w1')).toBeNull();
    expect(await temp.store.dueDeliveries(5000, 10)).toEqual([]);
  });

  it('queue deliveries and move the watch on in one step, once: a second sender from the same point writes nothing', async () => {
    await temp.store.createWatch(watch());
    const queued = [
      { id: 'x1', destinationId: 'd1', kind: 'event' as const, body: '{"n":1}' },
      { id: 'x2', destinationId: 'd1', kind: 'event' as const, body: '{"n":2}' },
    ];
    expect(await temp.store.queueDeliveries('w1', 10, 15, queued, 1000)).toBe(true);
    expect(await temp.store.queueDeliveries('w1', 10, 15, [{ id: 'x3', destinationId: 'd1', kind: 'event', body: '{}' }], 1000)).toBe(false);
    expect((await temp.store.getWatch('w1'))!.afterSeq).toBe(15);
    const due = await temp.store.dueDeliveries(1000, 10);
    expect(due.map((d) => [d.id, d.status, d.attempts, d.body])).toEqual([
      ['x1', 'pending', 0, '{"n":1}'],
      ['x2', 'pending', 0, '{"n":2}'],
    ]);
    await temp.store.recordAttempt('x1', { status: 'pending', attempts: 1, nextAt: 6000, lastError: 'HTTP 503' }, 1100);
    await temp.store.recordAttempt('x2', { status: 'delivered', attempts: 1, nextAt: 1100, lastError: null }, 1100);
    expect((await temp.store.dueDeliveries(5000, 10)).map((d) => d.id)).toEqual([]);
    expect((await temp.store.dueDeliveries(6000, 10)).map((d) => d.id)).toEqual(['x1']);
    const recent = await temp.store.recentDeliveries('w1', 10);
    expect(recent.find((d) => d.id === 'x1')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503', finishedAt: null });
    expect(recent.find((d) => d.id === 'x2')).toMatchObject({ status: 'delivered', finishedAt: new Date(1100).toISOString() });
  });
});
