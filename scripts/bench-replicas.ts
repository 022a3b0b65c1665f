// `npm run bench:replicas -- DATA_DIR [--empty] [--servers 2] [--clients 20] [--seconds 15] [--path /events]`:
// serves the store in DATA_DIR (one a bench left with BENCH_DIR) from `servers` production servers
// at once, as replicas on one machine would, loads PATH from `clients` concurrent loops spread over
// them, and prints latency, requests per second, the servers' CPU per request (all their threads,
// from /proc) and their summed peak RSS. Run it with --servers 1 and 2 to see whether a second
// process on the same cores serves more.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ROOT, pidListeningOn, rssMb, signIn, waitFor } from './stress/app-server';
import { runConcurrent } from './bench-http';
import { benchServerEnv, measuredStoreUrl } from './bench-server-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { empty: { type: 'boolean', default: false }, servers: { type: 'string', default: '2' }, clients: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' }, path: { type: 'string', default: '/events' } },
});
const [dataDir] = positionals;
if (!dataDir) throw new Error('usage: npm run bench:replicas -- DATA_DIR [--servers 2]');

/** User and system CPU time of a process, all threads, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  const env = benchServerEnv(dataDir, measuredStoreUrl(dataDir, values.empty));
  const ports = Array.from({ length: Number(values.servers) }, (_, i) => 3980 + i);
  // `npm run serve`'s V8 flags, each server its own process.
  const servers = ports.map((port) =>
    spawn(process.execPath, ['--max-semi-space-size=32', '--max-old-space-size=384', 'node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: ROOT, env: { ...env, NODE_OPTIONS: '' }, stdio: 'ignore' }),
  );
  try {
    for (const port of ports) await waitFor(`http://127.0.0.1:${port}/api/health`, 120_000);
    const cookie = await signIn(`http://127.0.0.1:${ports[0]}`);
    const pids = ports.map(pidListeningOn);
    const clientsEach = Math.max(1, Math.round(Number(values.clients) / ports.length));
    const load = (ms: number, clients: number) => Promise.all(ports.map((port) => runConcurrent(`http://127.0.0.1:${port}${values.path}`, cookie, clients, ms)));
    await load(8_000, 4); // warm-up: V8 optimises the route's code
    const cpuBefore = pids.map(cpuMs);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, pids.reduce((sum, pid) => sum + rssMb(pid), 0))), 200);
    const results = await load(Number(values.seconds) * 1000, clientsEach);
    clearInterval(sampler);
    const requests = results.reduce((sum, r) => sum + r.n, 0);
    const cpu = pids.reduce((sum, pid, i) => sum + cpuMs(pid) - cpuBefore[i], 0);
    console.log(
      JSON.stringify({
        servers: ports.length,
        path: values.path,
        perServer: results.map((r) => ({ clients: clientsEach, p50: r.p50, p95: r.p95, requestsPerSecond: r.requestsPerSecond, errors: r.errors })),
        requestsPerSecond: Math.round(requests / Number(values.seconds)),
        serverCpuMsPerRequest: Number((cpu / requests).toFixed(1)),
        peakRssMbSummed: Math.round(peak),
      }),
    );
  } finally {
    for (const server of servers) server.kill('SIGTERM');
  }
}

void main();
