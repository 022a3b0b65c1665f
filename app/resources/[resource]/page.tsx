import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ResourceHistory } from '@/components/resource/resource-history';
import { filterShape } from '@/lib/filters/schema';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { requirePageSession } from '@/lib/auth/session';

type Props = { params: Promise<{ resource: string }> };

/** The segment is a user id or an ARN, URL-encoded by our links; decoding twice is harmless for ids, which never hold `%`. */
function resourceOf(segment: string): string | null {
  let value = segment;
  try {
    if (/%[0-9A-Fa-f]{2}/.test(value)) value = decodeURIComponent(value);
  } catch {
    return null;
  }
  // The same rule as the `resource` filter: one parser for what a resource name may be.
  const parsed = filterShape.resource.safeParse(value);
  return parsed.success && parsed.data ? parsed.data : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const resource = resourceOf((await params).resource);
  return { title: `${resource ?? 'Resource'} · Packtrail` };
}

/** `/resources/{id or ARN}`: the lifeline of a channel, endpoint, group, configuration or asset. */
export default async function Page({ params }: Props) {
  await requirePageSession();
  const resource = resourceOf((await params).resource);
  if (!resource) notFound();
  const { store } = await getRuntime();
  const { rows, truncated } = await store.resourceHistory(resource);
  if (rows.length === 0) notFound();
  return <ResourceHistory resource={resource} rows={rows} truncated={truncated} />;
}
