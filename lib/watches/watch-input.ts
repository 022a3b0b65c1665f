import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Watch, WatchDestination } from '@/lib/store/types';
import { DestinationRefused, checkDestination } from './destination-guard';
import { watchFilter } from './watch-runner';

// What the watches API accepts, and what it shows: destinations' URLs masked (a Slack webhook URL is
// itself the credential) and secrets never, only whether one is set.

const destination = z.object({
  type: z.enum(['webhook', 'slack'], { error: 'must be webhook or slack' }),
  url: z.string({ error: 'must be the destination URL' }).trim().min(1, 'must be the destination URL').max(2000, 'must be at most 2,000 characters'),
  secret: z.string().min(16, 'must be at least 16 characters (it signs the body with HMAC-SHA256)').max(200, 'must be at most 200 characters').optional(),
});

export const newWatchSchema = z.object({
  name: z.string({ error: 'must be a name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  query: z.string({ error: 'must be the query string of an /events view, e.g. op=DeleteChannel&region=us-west-2' }).max(4000, 'must be at most 4,000 characters'),
  destinations: z.array(destination).max(10, 'at most 10 destinations').default([]),
});

export const destinationSchema = destination;

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ');
}

/** A destination accepted for storing, or why not: an SSRF target is refused here already, and again at every send. */
export async function acceptDestination(input: unknown, allowPrivate: boolean): Promise<WatchDestination | string> {
  const parsed = destination.safeParse(input);
  if (!parsed.success) return issues(parsed.error);
  const d = parsed.data;
  if (d.type === 'slack' && !/^https:\/\//.test(d.url)) return 'url of a slack destination must be its https:// incoming-webhook URL';
  if (d.type === 'slack' && d.secret) return 'secret is for webhook destinations; a Slack URL is its own secret';
  try {
    await checkDestination(d.url, allowPrivate);
  } catch (err) {
    if (err instanceof DestinationRefused) return `url ${err.message}`;
    throw err;
  }
  return { id: randomUUID(), type: d.type, url: d.url, secret: d.secret ?? null };
}

export async function acceptWatch(input: unknown, allowPrivate: boolean, now: Date, afterSeq: number): Promise<Watch | string> {
  const parsed = newWatchSchema.safeParse(input);
  if (!parsed.success) return issues(parsed.error);
  const query = parsed.data.query.replace(/^\?/, '');
  if (!watchFilter(query)) return 'query is not a valid /events filter; copy it from the address bar of an /events view';
  const destinations: WatchDestination[] = [];
  for (const d of parsed.data.destinations) {
    const accepted = await acceptDestination(d, allowPrivate);
    if (typeof accepted === 'string') return `destinations: ${accepted}`;
    destinations.push(accepted);
  }
  return { id: randomUUID(), name: parsed.data.name, query, builtin: null, createdAt: now.toISOString(), afterSeq, destinations };
}

/** A URL as the API and the page show it: scheme and host, the rest hidden. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}

export function publicWatch(w: Watch) {
  return {
    id: w.id,
    name: w.name,
    query: w.query,
    builtin: w.builtin,
    createdAt: w.createdAt,
    destinations: w.destinations.map((d) => ({ id: d.id, type: d.type, url: maskUrl(d.url), signed: d.secret !== null })),
  };
}
