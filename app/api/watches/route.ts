import { requireApiAdmin, requireApiSession } from '@/lib/auth/session';
import { badRequest, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { acceptWatch, publicWatch } from '@/lib/watches/watch-input';

export const dynamic = 'force-dynamic';

/** Every watch; destinations masked, secrets never. */
export async function GET() {
  const denied = await requireApiSession();
  if (denied) return denied;
  const { store } = await getRuntime();
  return json({ watches: (await store.listWatches()).map(publicWatch) });
}

/** A new watch (admins): `{ name, query, destinations: [{ type, url, secret? }] }`; it tells of events stored from now on. */
export async function POST(request: Request) {
  const denied = await requireApiAdmin('manage watches');
  if (denied) return denied;
  const body = await request.json().catch(() => undefined);
  if (body === undefined) return badRequest('the body must be JSON: { "name", "query", "destinations": [{ "type": "webhook" | "slack", "url", "secret"? }] }');
  const runtime = await getRuntime();
  const watch = await acceptWatch(body, runtime.allowPrivateDestinations, new Date(), await runtime.store.lastStoredSeq());
  if (typeof watch === 'string') return badRequest(watch);
  await runtime.store.createWatch(watch);
  return json(publicWatch(watch), 201);
}
