import { randomUUID } from 'node:crypto';
import { requireApiAdmin } from '@/lib/auth/session';
import { badRequest, json, notFound } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { testBody } from '@/lib/watches/payloads';

export const dynamic = 'force-dynamic';

/** Queues a sample delivery to each of the watch's destinations; the sender posts it at once. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiAdmin('manage watches');
  if (denied) return denied;
  const { id } = await params;
  const runtime = await getRuntime();
  const watch = await runtime.store.getWatch(id);
  if (!watch) return notFound(`no watch ${id}`);
  if (!watch.destinations.length) return badRequest('the watch has no destination to test; add one first');
  const rows = watch.destinations.map((d) => ({ id: randomUUID(), destinationId: d.id, kind: 'test' as const, body: testBody(d, watch, runtime.publicUrl) }));
  // Queued at the watch's current position, which it keeps.
  if (!(await runtime.store.queueDeliveries(id, watch.afterSeq, watch.afterSeq, rows, Date.now()))) return json({ error: 'the watch moved on meanwhile; try again' }, 409);
  void runtime.watches.kick();
  return json({ queued: rows.map((r) => r.id) }, 202);
}
