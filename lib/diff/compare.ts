import { z } from 'zod';
import { EVENT_ID } from '@/lib/sync/find-event';
import { isMasked } from './diff-states';

// Side-by-side comparison of 2–5 events: each record's request and response flattened to leaf
// paths, one row per path present in any of them, marked where the values are not all the same.

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 5;

const compareSchema = z
  .object({
    id: z
      .array(z.string().regex(EVENT_ID, 'must be a CloudTrail event id such as 3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e'))
      .min(MIN_COMPARE, `needs ${MIN_COMPARE} to ${MAX_COMPARE} different event ids, as id=…&id=…`)
      .max(MAX_COMPARE, `takes at most ${MAX_COMPARE} event ids`),
  })
  .strict();

export type CompareQuery = { ok: true; ids: string[] } | { ok: false; error: string };

/** `id` repeated or comma-separated; duplicates count once; nothing else is accepted. */
export function parseCompareQuery(params: Record<string, string | string[] | undefined>): CompareQuery {
  const unknown = Object.keys(params).filter((k) => k !== 'id');
  if (unknown.length) return { ok: false, error: `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; accepted: id` };
  const raw = params.id === undefined ? [] : Array.isArray(params.id) ? params.id : [params.id];
  const ids = [...new Set(raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
  const parsed = compareSchema.safeParse({ id: ids });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length > 1 ? ` (${JSON.stringify(ids[Number(issue.path[1])]).slice(0, 80)})` : '';
    return { ok: false, error: `id ${issue.message}${at}` };
  }
  return { ok: true, ids: parsed.data.id };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function display(value: unknown): string {
  if (isMasked(value)) return 'masked';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Leaf paths of a JSON value; arrays of plain values stay one leaf, so a list reads as a list. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (Array.isArray(value)) {
    out.set(prefix, value.map(display).join(', ') || '[]');
  } else if (value !== undefined) {
    out.set(prefix, display(value));
  }
  return out;
}

export interface CompareRow {
  path: string;
  /** One per event; null where that event has no such field. */
  values: (string | null)[];
  differs: boolean;
}

export function compareFields(values: unknown[]): CompareRow[] {
  const flat = values.map((v) => flatten(v));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const m of flat) for (const p of m.keys()) if (!seen.has(p)) seen.add(p), paths.push(p);
  return paths.map((path) => {
    const vs = flat.map((m) => m.get(path) ?? null);
    return { path, values: vs, differs: vs.some((v) => v !== vs[0]) };
  });
}
