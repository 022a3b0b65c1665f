import type Database from 'better-sqlite3';
import { encodeRaw } from '../raw-codec';

const SLICE = 2000;

/**
 * Records a store wrote as text, before raw-codec, compressed as new ones are: into a new table in
 * seq order, in slices (memory stays flat), which then replaces the old one. A new table rather
 * than updates in place: the transaction's WAL then holds the compressed pages only, not every page
 * of the old table. Asks for a VACUUM after the commit, which gives the freed pages back to the disk.
 */
export function compressRawRecords(db: Database.Database): 'vacuum' | void {
  if (db.prepare("SELECT 1 FROM event_raw WHERE typeof(raw) = 'text' LIMIT 1").get() === undefined) return;
  const total = db.prepare('SELECT count(*) FROM event_raw').pluck().get() as number;
  if (total > 50_000) console.log(`Packtrail: compressing the records of ${total.toLocaleString('en')} stored events (once, after an upgrade)…`);
  db.exec('CREATE TABLE event_raw_packed (seq INTEGER PRIMARY KEY REFERENCES events (seq), raw TEXT NOT NULL)');
  const slice = db.prepare('SELECT seq, raw FROM event_raw WHERE seq > ? ORDER BY seq LIMIT ?').raw();
  const insert = db.prepare('INSERT INTO event_raw_packed (seq, raw) VALUES (?, ?)');
  for (let after = -1; ; ) {
    const rows = slice.all(after, SLICE) as [number, string | Buffer][];
    if (!rows.length) break;
    for (const [seq, raw] of rows) insert.run(seq, typeof raw === 'string' ? encodeRaw(raw) : raw);
    after = rows[rows.length - 1][0];
  }
  db.exec('DROP TABLE event_raw; ALTER TABLE event_raw_packed RENAME TO event_raw');
  return 'vacuum';
}
