import type Database from 'better-sqlite3';
import { normalizeRecord } from '@/lib/events/normalize';
import { decodeRaw } from '../raw-codec';

/**
 * Migration 9: every event gets its sentence (issue 15), told from its record, which `q` searches
 * too ("rotated the ingest credentials", "AWS CLI"). Read in seq order in slices, so memory stays
 * flat; a 1M-event store takes about 100 s, once, and says so.
 */
export function addDescriptions(db: Database.Database): void {
  db.exec("ALTER TABLE events ADD COLUMN description TEXT NOT NULL DEFAULT ''");
  const total = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  if (total === 0) return;
  if (total > 50_000) console.log(`Packtrail: writing a sentence for each of ${total.toLocaleString('en')} stored events (once, after an upgrade)…`);
  const slice = db.prepare('SELECT e.seq, x.raw, e.region FROM events e JOIN event_raw x ON x.seq = e.seq WHERE e.seq > ? ORDER BY e.seq LIMIT 5000').raw();
  const update = db.prepare('UPDATE events SET description = ? WHERE seq = ?');
  for (let after = 0; ; ) {
    const rows = slice.all(after) as [number, string, string][];
    if (!rows.length) return;
    for (const [seq, raw, region] of rows) {
      try {
        update.run(normalizeRecord(decodeRaw(raw), { region }).summary.description, seq);
      } catch {
        // A record without an event id (stored through LookupEvents' own fields) is told when read.
      }
    }
    after = rows[rows.length - 1][0];
  }
}
