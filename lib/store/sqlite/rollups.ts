import type Database from 'better-sqlite3';
import type { StoredEvent } from '@/lib/events/types';
import { facetRows, rollupStatements } from '../queries/rollup-writes';
import { SQLITE } from './sqlite-sql';

/** Adds newly stored events to the facets and rollups; used inside the insert's transaction. */
export class RollupWriter {
  private readonly lastSeq: Database.Statement;
  private readonly rollups: Database.Statement[];
  private readonly facet: Database.Statement;

  constructor(db: Database.Database) {
    this.lastSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck();
    this.rollups = rollupStatements(SQLITE).map((sql) => db.prepare(sql));
    this.facet = db.prepare('INSERT OR IGNORE INTO facets (kind, value, detail) VALUES (?, ?, ?)');
  }

  /** The seq every row the transaction goes on to insert comes after: read before the first insert. */
  mark(): number {
    return this.lastSeq.get() as number;
  }

  /** `inserted` are the events stored since `mark` returned `after`: the rows with a larger seq. */
  add(after: number, inserted: StoredEvent[]): void {
    if (!inserted.length) return;
    for (const statement of this.rollups) statement.run(after);
    for (const f of facetRows(inserted)) this.facet.run(...f);
  }
}
