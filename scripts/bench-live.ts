// `npm run bench:live`: the live features measured on the production build reading the emulator.
//  1. From an event appearing in the emulator to its webhook arriving, with PACKTRAIL_SYNC_INTERVAL=5s:
//     events added at random moments, a watch with a webhook on this machine, p50 / p95 / max.
//  2. What 200 open /api/events/stream connections add to the server's resident memory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { makeRecord, makeRecords } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { percentiles } from './bench-http';
import { ROOT, pidListeningOn, rssMb, waitFor } from './stress/app-server';

const PORT = Number(process.env.BENCH_LIVE_PORT ?? 3990);
const EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 30);
const STREAMS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dist = process.env.NEXT_DIST_DIR ?? '.next';
  if (!fs.existsSync(path.join(ROOT, dist, 'BUILD_ID')) || process.env.BENCH_BUILD === '1') {
    if (spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('next build failed');
  }
  const emulator = await startEmulator({ tps: 50 });
  emulator.add(makeRecords(500, { spanMs: 5 * 86_400_000 }));
  const arrived = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = (JSON.parse(body) as { event?: { eventId: string } }).event?.eventId;
      if (id && !arrived.has(id)) arrived.set(id, Date.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const dataDir = tempDir('packtrail-bench-live-');
  const server = spawn('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(PORT)], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_AUTH: 'off',
      HOSTNAME: '127.0.0.1',
      PACKTRAIL_DATA_DIR: dataDir,
      AWS_ENDPOINT_URL_CLOUDTRAIL: emulator.url,
      AWS_ACCESS_KEY_ID: 'AKIABENCHLIVE0000000',
      AWS_SECRET_ACCESS_KEY: 'bench',
      PACKTRAIL_REGIONS: 'us-west-2',
      PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
      PACKTRAIL_SYNC_INTERVAL: '5s',
      PACKTRAIL_RATE_LIMIT: '50',
      PACKTRAIL_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/api/health`, 120_000);
    for (let i = 0; i < 240; i++) {
      const sync = (await (await fetch(`${base}/api/sync`)).json()) as { streams: { watermark: string | null; job: unknown }[] };
      if (sync.streams.every((s) => s.watermark && !s.job)) break;
      await sleep(500);
    }
    const made = await fetch(`${base}/api/watches`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Bench deletions', query: 'op=DeleteChannel', destinations: [{ type: 'webhook', url: hook }] }),
    });
    if (made.status !== 201) throw new Error(`could not make the watch: ${made.status} ${await made.text()}`);

    // 1. Events appear in the emulator at random moments over about 2 s each.
    const appeared = new Map<string, number>();
    for (let i = 0; i < EVENTS; i++) {
      await sleep(500 + Math.random() * 3000);
      const record = makeRecord({ time: Date.now(), eventName: 'DeleteChannel', channelId: `bench-live-${i}` });
      emulator.add([record]);
      appeared.set(record.eventID as string, Date.now());
    }
    for (let i = 0; i < 120 && arrived.size < EVENTS; i++) await sleep(500);
    const latencies = [...appeared].filter(([id]) => arrived.has(id)).map(([id, t]) => arrived.get(id)! - t);

    // 2. 200 open streams.
    const pid = pidListeningOn(PORT);
    await sleep(2000);
    const before = rssMb(pid);
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, async () => {
        const abort = new AbortController();
        const res = await fetch(`${base}/api/events/stream?op=DeleteChannel`, { signal: abort.signal });
        const reader = res.body!.getReader();
        void reader.read().catch(() => {});
        return abort;
      }),
    );
    await sleep(5000);
    const withStreams = rssMb(pid);
    streams.forEach((a) => a.abort());

    const l = percentiles(latencies);
    console.log(JSON.stringify({ events: EVENTS, delivered: latencies.length, syncIntervalSeconds: 5, latencyMs: l, rssMb: { before: Math.round(before), with200Streams: Math.round(withStreams), added: Math.round(withStreams - before) } }, null, 2));
    console.log(`emulator → webhook: p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms over ${latencies.length}/${EVENTS} events`);
    console.log(`${withStreams - before <= 50 ? 'PASS' : 'MISS'}  200 open streams add ${Math.round(withStreams - before)} MB (≤ 50 MB)`);
    console.log(`${latencies.length === EVENTS ? 'PASS' : 'MISS'}  every event delivered once`);
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // gone already
    }
    receiver.close();
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
