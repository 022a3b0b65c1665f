import { requireApiAdmin } from '@/lib/auth/session';
import { badRequest, json, notFound } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { acceptDestination, publicWatch } from '@/lib/watches/watch-input';

export const dynamic = 'force-dynamic';

/** Points a watch (the built-in one, say) somewhere more: `{ type, url, secret? }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiAdmin('manage watches');
  if (denied) return denied;
  const { id } = await params;
  const runtime = await getRuntime();
  if (!(await runtime.store.getWatch(id))) return notFound(`no watch ${id}`);
  const body = await request.json().catch(() => undefined);
  const destination = await acceptDestination(body, runtime.allowPrivateDestinations);
  if (typeof destination === 'string') return badRequest(destination);
  await runtime.store.addWatchDestination(id, destination);
  return json(publicWatch((await runtime.store.getWatch(id))!), 201);
}
