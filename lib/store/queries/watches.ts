import type { Delivery, DeliveryAttempt, NewDelivery, Watch, WatchDestination } from '../types';
import type { Sql } from './sql';

// Watches, their destinations and the deliveries' outbox, in SQL both engines run as written.

type WatchRow = { id: string; name: string; query: string; builtin: string | null; created_at: number; after_seq: number };
type DestinationRow = { id: string; watch_id: string; type: 'webhook' | 'slack'; url: string; secret: string | null };
type DeliveryRow = {
  id: string;
  watch_id: string;
  destination_id: string;
  kind: Delivery['kind'];
  body: string;
  created_at: number;
  next_at: number;
  attempts: number;
  status: Delivery['status'];
  last_error: string | null;
  finished_at: number | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

function toWatch(row: WatchRow, destinations: DestinationRow[]): Watch {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    builtin: row.builtin,
    createdAt: iso(Number(row.created_at)),
    afterSeq: Number(row.after_seq),
    destinations: destinations.filter((d) => d.watch_id === row.id).map(({ id, type, url, secret }) => ({ id, type, url, secret })),
  };
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  watchId: r.watch_id,
  destinationId: r.destination_id,
  kind: r.kind,
  body: r.body,
  createdAt: iso(Number(r.created_at)),
  nextAt: iso(Number(r.next_at)),
  attempts: r.attempts,
  status: r.status,
  lastError: r.last_error,
  finishedAt: r.finished_at === null ? null : iso(Number(r.finished_at)),
});

export async function listWatches(db: Sql): Promise<Watch[]> {
  const rows = await db.all<WatchRow>('SELECT id, name, query, builtin, created_at, after_seq FROM watches ORDER BY created_at, id');
  const destinations = await db.all<DestinationRow>('SELECT id, watch_id, type, url, secret FROM watch_destinations ORDER BY id');
  return rows.map((r) => toWatch(r, destinations));
}

export async function getWatch(db: Sql, id: string): Promise<Watch | null> {
  const row = await db.get<WatchRow>('SELECT id, name, query, builtin, created_at, after_seq FROM watches WHERE id = ?', [id]);
  if (!row) return null;
  return toWatch(row, await db.all<DestinationRow>('SELECT id, watch_id, type, url, secret FROM watch_destinations WHERE watch_id = ? ORDER BY id', [id]));
}

export function createWatch(db: Sql, w: Watch): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.run('INSERT INTO watches (id, name, query, builtin, created_at, after_seq) VALUES (?, ?, ?, ?, ?, ?)', [
      w.id,
      w.name,
      w.query,
      w.builtin,
      Date.parse(w.createdAt),
      w.afterSeq,
    ]);
    for (const d of w.destinations) await insertDestination(tx, w.id, d);
  });
}

const insertDestination = (db: Sql, watchId: string, d: WatchDestination) =>
  db.run('INSERT INTO watch_destinations (id, watch_id, type, url, secret) VALUES (?, ?, ?, ?, ?)', [d.id, watchId, d.type, d.url, d.secret]);

export function addWatchDestination(db: Sql, watchId: string, d: WatchDestination): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await tx.value('SELECT 1 FROM watches WHERE id = ?', [watchId]))) return false;
    await insertDestination(tx, watchId, d);
    return true;
  });
}

export function deleteWatch(db: Sql, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const n = await tx.run('DELETE FROM watches WHERE id = ?', [id]);
    await tx.run('DELETE FROM watch_destinations WHERE watch_id = ?', [id]);
    await tx.run("DELETE FROM deliveries WHERE watch_id = ? AND status = 'pending'", [id]);
    return n > 0;
  });
}

export function queueDeliveries(db: Sql, watchId: string, fromSeq: number, afterSeq: number, deliveries: NewDelivery[], now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx.run('UPDATE watches SET after_seq = ? WHERE id = ? AND after_seq = ?', [afterSeq, watchId, fromSeq]);
    if (!moved) return false;
    for (const d of deliveries) {
      await tx.run(
        `INSERT INTO deliveries (id, watch_id, destination_id, kind, body, created_at, next_at, attempts, status, last_error, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'pending', NULL, NULL)`,
        [d.id, watchId, d.destinationId, d.kind, d.body, now, now],
      );
    }
    return true;
  });
}

export async function dueDeliveries(db: Sql, now: number, limit: number): Promise<Delivery[]> {
  const rows = await db.all<DeliveryRow>("SELECT * FROM deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, created_at, id LIMIT ?", [now, limit]);
  return rows.map(toDelivery);
}

export async function recordAttempt(db: Sql, id: string, a: DeliveryAttempt, now: number): Promise<void> {
  await db.run('UPDATE deliveries SET status = ?, attempts = ?, next_at = ?, last_error = ?, finished_at = ? WHERE id = ?', [
    a.status,
    a.attempts,
    a.nextAt,
    a.lastError,
    a.status === 'pending' ? null : now,
    id,
  ]);
}

export async function recentDeliveries(db: Sql, watchId: string, limit: number): Promise<Delivery[]> {
  const rows = await db.all<DeliveryRow>('SELECT * FROM deliveries WHERE watch_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [watchId, limit]);
  return rows.map(toDelivery);
}
