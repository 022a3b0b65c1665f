// Small HTTP timing helpers for the benchmarks: sequential samples and a closed-loop load.
import http from 'node:http';

/**
 * One GET as a browser asks for it (compressed), timed to its last byte, over a kept-alive
 * connection. node:http rather than fetch: the server's time is what is measured, and on this
 * 2-core machine the client shares the CPU with it. fetch decompresses every body through web
 * streams, costing the client 2.2–2.3 ms of CPU per events page (0.5–0.9 ms this way), and added
 * 0.4–0.6 ms at p50 and 1–1.7 ms at p95 to a sequential event-by-id request. The body is read and
 * not decompressed, as a load generator such as autocannon does; a browser decompresses on its own CPU.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
export function timedGet(url: string, cookie: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The middle sample, or the mean of the middle two. */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentiles(samples: number[]): { n: number; p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1));
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/**
 * Times one URL sequentially: 100 warm-up requests or 10 s (V8 optimises a route's code only after it has
 * run a while; 3 warm-ups left the first samples 2× slower), then up to 400 samples or 15 s. With
 * 40 samples a p95 was the second-slowest request, one GC pause away from another figure.
 */
export async function timeRequests(url: string, cookie: string) {
  const get = async () => {
    const { status, ms } = await timedGet(url, cookie);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    return ms;
  };
  // Warm-ups stop after 10 s too: a route taking seconds (the wide shape's users) would spend minutes here.
  const warm = Date.now() + 10_000;
  for (let i = 0; i < 100 && Date.now() < warm; i++) await get();
  const samples: number[] = [];
  const deadline = Date.now() + 15_000;
  while (samples.length < 400 && Date.now() < deadline) samples.push(await get());
  return percentiles(samples);
}

/** `clients` concurrent loops on one URL for `ms`; latency percentiles and errors. */
export async function runConcurrent(url: string, cookie: string, clients: number, ms: number) {
  const samples: number[] = [];
  let errors = 0;
  const deadline = Date.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        try {
          const { status } = await timedGet(url, cookie);
          if (status !== 200) errors++;
        } catch {
          errors++;
        }
        samples.push(performance.now() - t);
      }
    }),
  );
  return { ...percentiles(samples), errors, requestsPerSecond: Math.round(samples.length / (ms / 1000)) };
}

/**
 * The JavaScript a first visit to a page downloads: every script it references, gzip-compressed.
 * kB to one decimal, and the bytes for the target: rounded to whole kB, 250.2 kB passed as 250.
 */
export async function firstLoadJsKb(url: string, cookie: string): Promise<{ files: number; rawKb: number; gzipKb: number; gzipBytes: number }> {
  const { gzipSync } = await import('node:zlib');
  const html = await (await fetch(url, { headers: { cookie } })).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, url), { headers: { cookie } })).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body).length;
  }
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  return { files: srcs.length, rawKb: kb(raw), gzipKb: kb(gz), gzipBytes: gz };
}
