import type Database from 'better-sqlite3';

/**
 * User agents and principals' ARNs stored once, events pointing at them by number. They were the
 * widest columns after the search text: 140 and 76 bytes an event on the demo's history, which
 * holds 159 distinct agents and 13 ARNs in 210k events. The same table holds both: a text is a
 * text, and free text searches both through it (lib/store/queries/where.ts).
 */
export function addTextDictionary(db: Database.Database): 'vacuum' | void {
  db.exec('CREATE TABLE IF NOT EXISTS texts (tid INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[];
  if (!columns.includes('user_agent')) return;
  const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  if (events > 100_000) console.log(`Packtrail: storing each user agent and principal ARN once for ${events.toLocaleString('en')} events (once, after an upgrade)…`);
  db.exec(`
    INSERT OR IGNORE INTO texts (text) SELECT user_agent FROM events UNION SELECT principal_arn FROM events WHERE principal_arn IS NOT NULL;
    ALTER TABLE events ADD COLUMN user_agent_tid INTEGER;
    ALTER TABLE events ADD COLUMN principal_arn_tid INTEGER;
    UPDATE events SET
      user_agent_tid = (SELECT tid FROM texts WHERE text = events.user_agent),
      principal_arn_tid = (SELECT tid FROM texts WHERE text = events.principal_arn);
    ALTER TABLE events DROP COLUMN user_agent;
    ALTER TABLE events DROP COLUMN principal_arn;
  `);
  return events > 0 ? 'vacuum' : undefined;
}
