import { requireApiAdmin, requireApiSession } from '@/lib/auth/session';
import { json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { syncOverview } from '@/lib/sync/sync-overview';

export const dynamic = 'force-dynamic';

export async function GET() {
  const denied = await requireApiSession();
  if (denied) return denied;
  return json(await syncOverview(await getRuntime()));
}

/** Starts an incremental sync now (or joins the running one) and answers at once with the status. */
export async function POST() {
  const denied = await requireApiAdmin('start a sync');
  if (denied) return denied;
  const runtime = await getRuntime();
  const alreadyRunning = runtime.sync.status().running;
  void runtime.sync.trigger().catch(() => {});
  return json({ started: !alreadyRunning, ...(await syncOverview(runtime)) }, 202);
}
