import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export async function GET() {
  return json({ ok: true, service: 'packtrail', time: new Date().toISOString() });
}
