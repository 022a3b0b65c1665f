import cliProgress from 'cli-progress';
import type { StreamProgress } from '@/lib/sync/progress';

// A bar per account, region and source on a terminal; plain periodic lines when output is a pipe or a log.

function describe(p: StreamProgress): string {
  const eta = p.etaSeconds === null ? '?' : p.etaSeconds >= 60 ? `${Math.round(p.etaSeconds / 60)}m` : `${p.etaSeconds}s`;
  return `${p.pages} pages | ${p.events} events (${p.newEvents} new) | ${p.eventsPerSecond.toFixed(0)} ev/s, ${p.requestsPerSecond.toFixed(2)} req/s | ETA ${eta}${p.throttles ? ` | ${p.throttles} throttled` : ''}`;
}

export function createProgressView(out: NodeJS.WriteStream) {
  const label = (p: StreamProgress) => `${p.account === 'default' ? '' : `${p.account} `}${p.region} ${p.eventSource.replace('.amazonaws.com', '')} ${p.kind}`;
  if (out.isTTY) {
    const multibar = new cliProgress.MultiBar(
      { stream: out, format: '{label} [{bar}] {percentage}% | {detail}', barsize: 24, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      update(p: StreamProgress) {
        const key = label(p);
        const payload = { label: key.padEnd(42), detail: describe(p) };
        let bar = bars.get(key);
        if (!bar) bars.set(key, (bar = multibar.create(100, 0, payload)));
        bar.update(Math.round(p.fraction * 100), payload);
      },
      note: (line: string) => multibar.log(`${line}\n`),
      stop: () => multibar.stop(),
    };
  }
  const lastPrinted = new Map<string, number>();
  return {
    update(p: StreamProgress) {
      const key = label(p);
      if (!p.done && Date.now() - (lastPrinted.get(key) ?? 0) < 2000) return;
      lastPrinted.set(key, Date.now());
      out.write(`${key}: ${Math.round(p.fraction * 100)}% | ${describe(p)}${p.done ? ' | done' : ''}\n`);
    },
    note: (line: string) => out.write(`${line}\n`),
    stop: () => {},
  };
}
