// `npm run serve`: `next start` in PACKTRAIL_WORKERS processes sharing one port (node:cluster).
// A Next.js server renders pages on one thread, so one process leaves a bigger machine's other
// cores idle while pages queue. Each worker is a replica of the store, as a second server would be:
// one holds the background sync, the others serve. The first starts alone, so the store's
// migrations and the session secret are made once; the rest start when it is ready.
// The default leaves a core to the store's threads, the sync and the collector: on this project's
// 2-core machines a second worker served the events page 1.22-1.28x as fast at 20 clients but its
// p95 only 5 % faster (the load's own client shares the cores), for twice the memory (573 MB).
// Plain CommonJS, so that it runs with `node` and nothing else.
const cluster = require('node:cluster');
const os = require('node:os');

const HOST = process.env.HOSTNAME || '127.0.0.1';
const PORT = process.env.PORT || '3000';
const READY = 'packtrail:ready'; // sent by instrumentation.ts once the runtime has started

function workerCount() {
  const given = process.env.PACKTRAIL_WORKERS;
  if (given === undefined || given.trim() === '') return Math.max(1, Math.min(os.availableParallelism() - 1, 4));
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`\nPacktrail cannot start: PACKTRAIL_WORKERS is "${given}"; give a whole number from 1 to 64 (default: one fewer than the cores, from 1 to 4).\n`);
    process.exit(1);
  }
  return n;
}

function runNext() {
  process.argv = [process.argv[0], require.resolve('next/dist/bin/next'), 'start', '--hostname', HOST, '--port', PORT];
  require('next/dist/bin/next');
}

function primary(count) {
  let stopping = false;
  let started = 0;
  const fork = () => {
    const worker = cluster.fork();
    let ready = false;
    worker.on('message', (message) => {
      if (message !== READY || ready) return;
      ready = true;
      // One at a time: each worker's start does the same checks, and they are cheap once made.
      if (++started < count) fork();
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      if (!ready) {
        // A worker that could not start (a configuration error, say) has said why; the rest would too.
        stop(code || 1);
        return;
      }
      console.error(`Packtrail: a server process ended (${signal || `exit code ${code}`}); starting another.`);
      // Not unref'd: were every worker gone at once, this is what keeps the launcher alive to replace them.
      setTimeout(() => !stopping && fork(), 1_000);
    });
  };
  const stop = (code, signal) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    for (const worker of Object.values(cluster.workers)) worker.process.kill(signal || 'SIGTERM');
    // Workers that do not end in time are ended.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGKILL');
    }, 10_000).unref();
  };
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers).length === 0) process.exit();
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0, signal));
  fork();
}

const count = workerCount();
if (count === 1 || !cluster.isPrimary) runNext();
else primary(count);
