import { normalizeRecord } from '@/lib/events/normalize';
import { parseQuery } from '@/lib/filters/parse-query';
import type { EventFilter } from '@/lib/filters/schema';
import { makeRecord, type RecordSpec } from './records';

// The store tests' events and filters: records at a fixed instant, and filters parsed as the URL
// would be an hour later.

export const T0 = Date.parse('2026-11-20T12:00:00Z');

export function event(spec: RecordSpec & { extra?: Record<string, unknown> } = {}) {
  const record = { ...makeRecord({ time: T0, ...spec }), ...spec.extra };
  return normalizeRecord(JSON.stringify(record));
}

export function filter(qs: string): EventFilter {
  const r = parseQuery(new URLSearchParams(qs), {}, new Date(T0 + 3_600_000));
  if (!r.ok) throw new Error(r.error);
  return r.value.filter;
}
