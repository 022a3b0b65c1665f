import { requireApiAdmin } from '@/lib/auth/session';
import { badRequest, notFound } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';

export const dynamic = 'force-dynamic';

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiAdmin('manage watches');
  if (denied) return denied;
  const { id } = await params;
  const { store } = await getRuntime();
  const watch = await store.getWatch(id);
  if (!watch) return notFound(`no watch ${id}`);
  if (watch.builtin) return badRequest('the built-in watch stays; remove or add its destinations instead');
  await store.deleteWatch(id);
  return new Response(null, { status: 204 });
}
