import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDemoHistory } from '@/lib/emulator/demo-history';

// The trail the benches import, laid out as CloudTrail writes it: AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/.

/** The demo's deterministic history of 92 days before `now`, as gzipped trail files of 1,000 records; returns the file count. */
export function writeTrail(dir: string, now: number, perDay: number): number {
  const items = generateDemoHistory({ seed: 2026, start: new Date(now - 92 * 86_400_000), end: new Date(now), eventsPerDay: perDay });
  const groups = new Map<string, unknown[]>();
  for (const { record } of items) {
    const day = String(record.eventTime).slice(0, 10).replace(/-/g, '/');
    const key = `${record.awsRegion}/${day}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(record);
  }
  let files = 0;
  for (const [key, records] of groups) {
    const folder = path.join(dir, 'AWSLogs', '111122223333', 'CloudTrail', key);
    fs.mkdirSync(folder, { recursive: true });
    for (let i = 0; i < records.length; i += 1000) {
      fs.writeFileSync(path.join(folder, `111122223333_CloudTrail_${key.split('/')[0]}_${i}.json.gz`), gzipSync(JSON.stringify({ Records: records.slice(i, i + 1000) })));
      files++;
    }
  }
  return files;
}
