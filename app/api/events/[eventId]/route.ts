import type { NextRequest } from 'next/server';
import { requireApiSession } from '@/lib/auth/session';
import { jsonError, json, notFound } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { EVENT_ID, lookUpEvent } from '@/lib/sync/find-event';

export const dynamic = 'force-dynamic';

export async function GET(_request: NextRequest, context: { params: Promise<{ eventId: string }> }) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const { eventId } = await context.params;
  if (eventId.length > 128) return jsonError(400, 'eventId is too long; expected a CloudTrail event id such as 3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e');
  const runtime = await getRuntime();
  const { detail, unreachable } = await lookUpEvent(runtime, eventId);
  if (unreachable) return jsonError(502, `Event ${eventId} is not in the store and CloudTrail could not be asked: ${unreachable}`);
  if (!detail) {
    return notFound(
      EVENT_ID.test(eventId)
        ? `No MediaPackage event ${eventId} in the store or in CloudTrail (last 90 days, regions ${runtime.regions.join(', ')})`
        : `No event ${eventId} in the store; CloudTrail event ids look like 3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e`,
    );
  }
  return json({ event: detail.event, cloudTrailEvent: detail.cloudTrailEvent, flags: detail.flags });
}
