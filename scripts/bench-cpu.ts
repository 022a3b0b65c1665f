import fs from 'node:fs';
import pg from 'pg';

// CPU time beside wall time for the import benches. On this shared 2-core machine the same import's
// wall time moved by half between runs, its CPU time far less; and where a store's import waits
// (on a PostgreSQL server, on a batch's commit), CPU time says whether the gap is work or waiting.

/** CPU seconds this process has used, every thread: the parser threads', and DuckDB's, which runs in-process. */
export function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * CPU seconds of a PostgreSQL server on this machine: every `postgres` process, with the backends
 * that have exited since (counted in the postmaster's children's times once it reaps them). Null
 * where no such process can be seen (a server elsewhere, or no /proc).
 */
export function postgresCpuSeconds(): number | null {
  let ticks = 0;
  let seen = false;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      // After the command's closing parenthesis: state, ppid, … utime (14th field), stime, cutime, cstime.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      seen = true;
    } catch {
      // gone meanwhile
    }
  }
  return seen ? ticks / CLOCK_TICKS : null;
}

/**
 * After a PostgreSQL import: a CHECKPOINT (the dirty pages the import left, written now rather than
 * spread over the next minutes), then a wait until the local server uses under 5 % of a core over
 * 2 s (autovacuum, say), for at most `maxMs`. What is measured next (DuckDB's run after ours, the
 * next round) then has the machine to itself, as it has after a SQLite import, whose last
 * checkpoint is part of the import. Returns the seconds of each (the checkpoint's null where the
 * role may not ask for one); `npm run bench` prints them beside the import's figures.
 */
export async function settlePostgres(url: string, maxMs = 120_000): Promise<{ checkpointSeconds: number | null; quietSeconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let t = performance.now();
  let checkpointSeconds: number | null = null;
  try {
    await client.query('CHECKPOINT');
    checkpointSeconds = (performance.now() - t) / 1000;
  } catch {
    // Not allowed to this role (PostgreSQL 15 asks for pg_checkpoint): the wait below still applies.
  } finally {
    await client.end();
  }
  t = performance.now();
  for (let before = postgresCpuSeconds(); before !== null && performance.now() - t < maxMs; ) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const now = postgresCpuSeconds();
    if (now === null || now - before < 0.1) break;
    before = now;
  }
  return { checkpointSeconds, quietSeconds: (performance.now() - t) / 1000 };
}
