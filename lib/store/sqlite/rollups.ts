import type Database from 'better-sqlite3';
import { Facets, rollupBatchColumns, rollupStatements } from '../queries/rollup-writes';
import { SQLITE } from './sqlite-sql';

/** Adds newly stored events to the facets and rollups; used inside the insert's transaction. */
export class RollupWriter {
  private readonly lastSeq: Database.Statement;
  private readonly fill: Database.Statement;
  private readonly rollups: Database.Statement[];
  private readonly empty: Database.Statement;
  private readonly facet: Database.Statement;

  constructor(db: Database.Database) {
    this.lastSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck();
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS rollup_batch (${rollupBatchColumns('text')})`);
    const { fill, rollups } = rollupStatements(SQLITE);
    this.fill = db.prepare(fill);
    this.rollups = rollups.map((sql) => db.prepare(sql));
    this.empty = db.prepare('DELETE FROM rollup_batch');
    this.facet = db.prepare('INSERT OR IGNORE INTO facets (kind, value, detail) VALUES (?, ?, ?)');
  }

  /** The seq every row the transaction goes on to insert comes after: read before the first insert. */
  mark(): number {
    return this.lastSeq.get() as number;
  }

  /** Adds the rows stored since `mark` returned `after` (those with a larger seq), whose facets are `facets`. */
  add(after: number, facets: Facets): void {
    this.fill.run(after);
    for (const statement of this.rollups) statement.run();
    this.empty.run();
    for (const f of facets.rows()) this.facet.run(...f);
  }
}
