import { FILTER_KEYS } from '@/lib/filters/filter-keys';

// Filter parameters in URLs: what links, exports and "Load more" carry from one view to the next.

const FILTER_KEY_SET = new Set<string>(FILTER_KEYS);

/** A page's `searchParams` object as URLSearchParams (repeated keys kept, in order). */
export function toSearchParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  return out;
}

/** Only the SPEC filter parameters of `params`: what the JSON API and the export accept. */
export function filterParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of params) if (FILTER_KEY_SET.has(key) && value.trim() !== '') out.append(key, value);
  return out;
}

/** `prefix` + the filter query, e.g. `/api/export?format=csv&op=…`. */
export function withFilters(path: string, params: URLSearchParams, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra);
  for (const [key, value] of filterParams(params)) query.append(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The filter query for fetching further pages of a view rendered at one instant: a relative
 * `range` becomes the absolute `from` it meant then, so "Load more" continues the same window
 * instead of one that has slid forward since.
 */
export function pinnedFilterQuery(params: URLSearchParams, from: Date | null): string {
  const out = filterParams(params);
  if (out.has('range') && from) {
    out.delete('range');
    out.set('from', from.toISOString());
  }
  return out.toString();
}
