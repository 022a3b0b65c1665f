import type { EventFilter } from '@/lib/filters/schema';
import { cellParts, type CellPart, type CellRead } from './principal-cells';
import { newTally, type PrincipalTally } from './principal-totals';
import { remembered, type Sql } from './sql';

type Source = { events: number; last: number };
/** One principal's cells added up: its totals, and every source with its count and last call. */
type Tally = Omit<PrincipalTally, 'ips' | 'ipCount'> & { sources: Map<string, Source> };
/** Per `${account}\0${principal}`. */
type Tallies = Map<string, Tally>;
/** A part kept for the next request: each principal's sources also newest first (then by address). */
type Kept = Map<string, Tally & { newest: [string, Source][] }>;

const newest = (a: [string, Source], b: [string, Source]) => b[1].last - a[1].last || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Adds a part's cells to `into`. */
async function addPart(into: Tallies, read: CellRead): Promise<void> {
  // Cells mostly come a principal at a time (the rollup index's order): look it up once per run.
  let u: Tally | undefined;
  await read(([principal, account, op, ip, readOnly, failed, n, first, last]) => {
    if (u?.principal !== principal || u.accountId !== account) {
      const key = `${account}\0${principal}`;
      u = into.get(key);
      if (!u) {
        const { ips: _ips, ipCount: _count, ...totals } = newTally(principal, account);
        into.set(key, (u = { ...totals, sources: new Map() }));
      }
    }
    u.events += n;
    if (!readOnly) u.changes += n;
    if (failed) u.errors += n;
    if (first < u.first) u.first = first;
    if (last > u.last) u.last = last;
    u.ops.set(op, (u.ops.get(op) ?? 0) + n);
    const seen = u.sources.get(ip);
    if (seen) {
      seen.events += n;
      if (last > seen.last) seen.last = last;
    } else u.sources.set(ip, { events: n, last });
  });
}

/** Another part's tallies added to `into`, copied: a kept part is never changed. */
function addTallies(into: Tallies, from: Tallies): void {
  for (const [who, t] of from) {
    const u = into.get(who);
    if (!u) {
      into.set(who, { ...t, ops: new Map(t.ops), sources: new Map([...t.sources].map(([ip, s]) => [ip, { ...s }])) });
      continue;
    }
    u.events += t.events;
    u.changes += t.changes;
    u.errors += t.errors;
    u.first = Math.min(u.first, t.first);
    u.last = Math.max(u.last, t.last);
    for (const [op, n] of t.ops) u.ops.set(op, (u.ops.get(op) ?? 0) + n);
    for (const [ip, s] of t.sources) {
      const seen = u.sources.get(ip);
      if (seen) {
        seen.events += s.events;
        seen.last = Math.max(seen.last, s.last);
      } else u.sources.set(ip, { ...s });
    }
  }
}

/** A rollup part's tallies, kept by the store's reading thread until the next commit. */
function keptPart(db: Sql, part: CellPart): Promise<Kept> {
  return remembered(
    db,
    `cellTallies\0${part.key}`,
    async () => {
      const tallies: Tallies = new Map();
      await addPart(tallies, part.read);
      return new Map([...tallies].map(([who, t]) => [who, { ...t, newest: [...t.sources].sort(newest) }]));
    },
    (kept) => [...kept.values()].reduce((n, t) => n + 1 + t.sources.size + t.ops.size, 0),
  );
}

/**
 * The window's principals added up from its daily, hourly and raw cells, with the `limit` sources
 * each called from last, and how many it called from.
 *
 * The whole days are most of the cells, and a window open to now (`range=90d`) asks for the same
 * days all day: their sums are kept until the next commit (read-cache.ts), and each request adds
 * the edges' few to them. With a source excluded, every cell of the window is a principal and a
 * source: at 1M events of the bench's wide shape, /users for 90 days with all of IPv4 excluded
 * grouped 297k cells into 72k principal-source pairs on every request (SQLite ~0.8 s, PostgreSQL
 * ~1.3 s); no aggregate in SQL was faster.
 */
export async function cellTallies(db: Sql, filter: EventFilter, limit: number): Promise<PrincipalTally[]> {
  const { days, hours, raw } = cellParts(db, filter);
  const kept: Kept = days ? await keptPart(db, days) : new Map();
  const edges: Tallies = new Map();
  for (const part of hours) addTallies(edges, await keptPart(db, part));
  for (const read of raw) await addPart(edges, read);

  const result: PrincipalTally[] = [];
  for (const who of new Set([...kept.keys(), ...edges.keys()])) {
    const k = kept.get(who);
    const e = edges.get(who);
    const { principal, accountId } = (k ?? e)!;
    const ops = new Map(k?.ops);
    for (const [op, n] of e?.ops ?? []) ops.set(op, (ops.get(op) ?? 0) + n);
    const sum = (of: 'events' | 'changes' | 'errors') => (k?.[of] ?? 0) + (e?.[of] ?? 0);
    // The edges' sources with their calls on the whole days added, then the whole days' newest: one
    // not called from at the edges is among the `limit` newest only if it is among the whole days'
    // (adding the edges makes no source older).
    const candidates = new Map<string, Source>();
    let onlyAtEdges = 0;
    for (const [ip, s] of e?.sources ?? []) {
      const d = k?.sources.get(ip);
      if (!d) onlyAtEdges++;
      candidates.set(ip, d ? { events: s.events + d.events, last: Math.max(s.last, d.last) } : s);
    }
    for (const [ip, s] of k?.newest.slice(0, limit) ?? []) if (!candidates.has(ip)) candidates.set(ip, s);
    result.push({
      principal,
      accountId,
      events: sum('events'),
      changes: sum('changes'),
      errors: sum('errors'),
      first: Math.min(k?.first ?? Infinity, e?.first ?? Infinity),
      last: Math.max(k?.last ?? -Infinity, e?.last ?? -Infinity),
      ops,
      ips: [...candidates].sort(newest).slice(0, limit).map(([ip, s]) => ({ ip, ...s })),
      ipCount: (k?.sources.size ?? 0) + onlyAtEdges,
    });
  }
  return result;
}
