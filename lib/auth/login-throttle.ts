// Slows password guessing: after 10 failures for one name (or one client) within 15 minutes,
// further attempts are refused until the window passes. In memory: a restart forgets, which is fine.

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

export function loginBlocked(keys: string[], now = Date.now()): boolean {
  return keys.some((k) => recent(k, now).length >= MAX_FAILURES);
}

export function recordLoginFailure(keys: string[], now = Date.now()): void {
  if (failures.size > 50_000) failures.clear();
  for (const k of keys) failures.set(k, [...recent(k, now), now]);
}
