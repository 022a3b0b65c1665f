import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// `npm run serve` (scripts/serve.cjs) runs the build in several processes on one port: each serves,
// one of them syncs, one killed is replaced, and stopping the server stops them all.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 350;

function serve(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'packtrail-workers-'));
  const child = spawn(process.execPath, ['scripts/serve.cjs'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1', PORT: String(PORT), PACKTRAIL_DATA_DIR: dataDir, PACKTRAIL_SOURCE: 'demo', PACKTRAIL_AUTH: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { child, output: () => output, exited };
}

/**
 * GET /api/sync on a connection of its own, so the launcher hands it to any of its processes. One
 * handed to a process as it was killed is lost with it, as with any server: hence the timeout.
 */
function syncStatus(): Promise<{ replica: string; leader: string | null }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path: '/api/sync', agent: false, timeout: 5_000 }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${res.statusCode}`))));
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('no answer in 5 s'));
      })
      .on('error', reject);
  });
}

const pidOf = (replica: string) => Number(replica.split(':')[1]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function replicasSeen(asks: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < asks; i++) seen.add((await syncStatus().catch(() => null))?.replica ?? '');
  seen.delete('');
  return seen;
}

test('two processes serve one port, one syncs; a killed one is replaced and SIGTERM stops them all', async () => {
  test.setTimeout(120_000);
  const server = serve({ PACKTRAIL_WORKERS: '2' });
  try {
    await expect.poll(async () => (await replicasSeen(6)).size, { timeout: 60_000, message: server.output() }).toBe(2);
    const first = [...(await replicasSeen(8))];
    // Both name the same leader, one of the two.
    await expect.poll(async () => (await syncStatus()).leader, { timeout: 30_000 }).not.toBeNull();
    const leaders = new Set(await Promise.all([0, 1, 2, 3, 4, 5].map(async () => (await syncStatus()).leader)));
    expect(leaders.size).toBe(1);
    const leader = [...leaders][0]!;
    expect(first).toContain(leader);

    // The leader dies without a word: the port keeps answering, a new process takes its place,
    // and the survivor or the newcomer takes the sync over.
    process.kill(pidOf(leader), 'SIGKILL');
    await expect.poll(async () => [...(await replicasSeen(6))].some((r) => !first.includes(r)), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await syncStatus()).leader, { timeout: 30_000 }).not.toBe(leader);
    const now = [...(await replicasSeen(8))];
    expect(now).not.toContain(leader);
    expect(server.output()).toContain('a server process ended (SIGKILL); starting another');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    for (const r of now) await expect.poll(() => alive(pidOf(r)), { timeout: 15_000 }).toBe(false);
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('a server that cannot start says why once and ends, and so does a bad PACKTRAIL_WORKERS', async () => {
  test.setTimeout(60_000);
  const badWorkers = serve({ PACKTRAIL_WORKERS: 'many' });
  expect(await badWorkers.exited).toBe(1);
  expect(badWorkers.output()).toContain('PACKTRAIL_WORKERS is "many"; give a whole number from 1 to 64');

  const badConfig = serve({ PACKTRAIL_WORKERS: '2', PACKTRAIL_SYNC_INTERVAL: 'often' });
  expect(await badConfig.exited).toBe(1);
  expect(badConfig.output().match(/Packtrail cannot start/g)).toHaveLength(1);
  expect(badConfig.output()).toContain('PACKTRAIL_SYNC_INTERVAL');
});
