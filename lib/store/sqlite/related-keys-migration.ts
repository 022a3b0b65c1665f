import type Database from 'better-sqlite3';
import { decodeRaw } from '../raw-codec';

/**
 * Each event's requestID and session creation time as columns: related events matched them with
 * LIKE inside the records, and compressed records would each have to be inflated for it (an event
 * page's related events, p95 6 → 21 ms on a 221k-event store). Filled from the records of a store
 * made before, in seq order in slices; about 40 s per 1M events, once, and says so.
 */
export function addRelatedKeys(db: Database.Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name));
  // Present already only in a store whose version was set back by hand (the tests of older stores do).
  if (!columns.has('request_id')) db.exec('ALTER TABLE events ADD COLUMN request_id TEXT');
  if (!columns.has('session_created')) db.exec('ALTER TABLE events ADD COLUMN session_created TEXT');
  const total = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  if (total === 0) return;
  if (total > 50_000) console.log(`Packtrail: noting the request and session of each of ${total.toLocaleString('en')} stored events (once, after an upgrade)…`);
  const slice = db.prepare('SELECT e.seq, x.raw FROM events e JOIN event_raw x ON x.seq = e.seq WHERE e.seq > ? ORDER BY e.seq LIMIT 5000').raw();
  const update = db.prepare('UPDATE events SET request_id = ?, session_created = ? WHERE seq = ?');
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  for (let after = 0; ; ) {
    const rows = slice.all(after) as [number, string | Buffer][];
    if (!rows.length) return;
    for (const [seq, raw] of rows) {
      try {
        const rec = JSON.parse(decodeRaw(raw)) as { requestID?: unknown; userIdentity?: { sessionContext?: { attributes?: { creationDate?: unknown } } } } | null;
        const requestId = text(rec?.requestID);
        const created = text(rec?.userIdentity?.sessionContext?.attributes?.creationDate);
        if (requestId || created) update.run(requestId, created, seq);
      } catch {
        // A record that is not JSON has neither.
      }
    }
    after = rows[rows.length - 1][0];
  }
}
