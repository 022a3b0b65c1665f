import { requireApiSession } from '@/lib/auth/session';
import { json, notFound } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';

export const dynamic = 'force-dynamic';

/** The watch's latest deliveries: status, attempts and last error (bodies stay in the store). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const { id } = await params;
  const { store } = await getRuntime();
  if (!(await store.getWatch(id))) return notFound(`no watch ${id}`);
  const deliveries = (await store.recentDeliveries(id, 50)).map(({ body: _body, ...d }) => d);
  return json({ deliveries });
}
