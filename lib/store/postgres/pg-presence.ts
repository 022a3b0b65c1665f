import pg from 'pg';

/**
 * A session that lives as long as this process does: the locks it takes name its backend pid, so
 * another replica can tell a holder that died (its session ended with it) from one that is slow.
 * Opened on the first lock; opened again if the server drops it (a lease then renews with the new pid).
 */
export class PgPresence {
  private client: pg.Client | null = null;
  private opening: Promise<number> | null = null;
  private backendPid: number | null = null;

  constructor(private readonly config: pg.ClientConfig) {}

  pid(): Promise<number> {
    if (this.client && this.backendPid !== null) return Promise.resolve(this.backendPid);
    this.opening ??= (async () => {
      const client = new pg.Client(this.config);
      const gone = () => {
        if (this.client !== client) return;
        this.client = null;
        this.backendPid = null;
        void client.end().catch(() => {});
      };
      client.on('error', gone);
      client.on('end', gone);
      try {
        await client.connect();
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        this.client = client;
        this.backendPid = rows[0].pid;
        return rows[0].pid;
      } finally {
        this.opening = null;
      }
    })();
    return this.opening;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.backendPid = null;
    await client?.end().catch(() => {});
  }
}
