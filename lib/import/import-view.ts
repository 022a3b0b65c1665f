import cliProgress from 'cli-progress';
import type { ImportProgress, ImportSummary } from './import-records';

// A bar on a terminal; plain periodic lines when output is a pipe or a log (as the sync's view).

function describe(p: ImportProgress): string {
  return `${p.records} records | ${p.added} added | ${p.eventsPerSecond.toFixed(0)} events/s${p.failed ? ` | ${p.failed} failed` : ''}`;
}

function files(p: ImportProgress): string {
  return `${p.filesDone}/${p.filesTotal}${p.listingDone ? '' : '+'} files`;
}

export function createImportProgressView(out: NodeJS.WriteStream) {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: out, format: 'import [{bar}] {files} | {detail}', barsize: 24, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p: ImportProgress) {
        const payload = { files: files(p), detail: describe(p) };
        // The total grows while an S3 listing is still paging.
        const total = Math.max(1, p.filesTotal);
        if (!started) bar.start(total, p.filesDone, payload), (started = true);
        else bar.setTotal(total), bar.update(p.filesDone, payload);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastPrinted = 0;
  return {
    update(p: ImportProgress) {
      if (!p.done && Date.now() - lastPrinted < 2000) return;
      lastPrinted = Date.now();
      out.write(`import: ${files(p)} | ${describe(p)}${p.done ? ' | done' : ''}\n`);
    },
    stop: () => {},
  };
}

/** The final report; failures are listed one per line with the reason, so they can be fixed and re-imported. */
export function summaryLines(s: ImportSummary): string[] {
  const rate = s.seconds > 0 ? Math.round(s.events / s.seconds) : 0;
  const lines = [
    `Import finished in ${s.seconds.toFixed(1)}s (${rate} events/s)`,
    `  files read:            ${s.filesRead}`,
    `  records seen:          ${s.records}`,
    `  MediaPackage events:   ${s.added} added, ${s.alreadyPresent} already present`,
    `  files skipped:         ${s.skipped} (not trail log files: digests, Insights, other names)`,
  ];
  if (s.withoutEventId) lines.push(`  records without eventID (not imported): ${s.withoutEventId}`);
  lines.push(`  files that failed:     ${s.failures.length}`);
  for (const f of s.failures) lines.push(`    ✗ ${f.name}: ${f.reason}`);
  return lines;
}
