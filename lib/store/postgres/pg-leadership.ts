import pg from 'pg';

/**
 * A role (the background sync) held through a session-level advisory lock on a connection of its
 * own: PostgreSQL frees the lock the moment that session ends, so a replica killed with SIGKILL
 * (its socket closed by the kernel) hands the role over at once; a frozen or partitioned one
 * when the server's TCP keepalive gives up on it.
 */
export class PgLeadership {
  private client: pg.Client | null = null;
  private holding = false;
  /**
   * The campaign in progress: the sync loop and the watch sender campaign for the same role, and
   * two at once would open two sessions, one holding the lock and orphaned, the other never able
   * to take it.
   */
  private current: Promise<boolean> | null = null;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly key: string,
  ) {}

  /** True while this process holds the lock; tries to take it when it does not. */
  campaign(role: string, owner: string): Promise<boolean> {
    this.current ??= this.campaignOnce(role, owner).finally(() => (this.current = null));
    return this.current;
  }

  private async campaignOnce(role: string, owner: string): Promise<boolean> {
    if (!this.client) {
      const client = new pg.Client(this.config);
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      await client.connect();
      this.client = client;
    }
    const client = this.client;
    try {
      if (!this.holding) {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [this.key]);
        this.holding = rows[0].ok;
        if (!this.holding) return false;
      }
      // Every campaign restates the holder, so /sync names it even after a replica restarted the row
      // away; written only when it says otherwise. A write every second (the watch runner's rounds)
      // moved the server's snapshot each time, and with it dropped every answer the page queries'
      // cache kept (read-cache.ts): /users at 1M wide events, p95 65 ms against a p50 of 21.
      const { rows: stated } = await client.query<{ same: boolean }>('SELECT owner = $2 AND backend_pid = pg_backend_pid() AS same FROM leaders WHERE role = $1', [role, owner]);
      if (stated[0]?.same) return true;
      await client.query(
        `INSERT INTO leaders (role, owner, backend_pid, since) VALUES ($1, $2, pg_backend_pid(), $3)
         ON CONFLICT (role) DO UPDATE SET owner = excluded.owner, backend_pid = excluded.backend_pid,
           since = CASE WHEN leaders.backend_pid = excluded.backend_pid THEN leaders.since ELSE excluded.since END`,
        [role, owner, Date.now()],
      );
      return true;
    } catch {
      this.drop(client);
      return false;
    }
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.holding = false;
    void client.end().catch(() => {});
  }

  async resign(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.holding = false;
    await client?.end().catch(() => {});
  }
}
