// `npm run emulator [-- --port 4566 --tps 2 --records extra.json --accounts]`: the LookupEvents
// emulator with the demo history, on its own, for pointing Packtrail (AWS_ENDPOINT_URL_CLOUDTRAIL)
// or the AWS CLI (--endpoint-url) at it. --records adds CloudTrail records from a JSON array; an
// eventTime written as `now-2h` (m, h or d) is placed relative to the start. --accounts serves the
// demo's two accounts behind roles, assumed through STS at the same address (AWS_ENDPOINT_URL_STS).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDuration } from '@/lib/config';
import { DEMO_ACCOUNTS_SETTING, DEMO_REGIONS, startDemoEmulator } from '@/lib/emulator/demo-source';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4566' }, tps: { type: 'string', default: '2' }, records: { type: 'string' }, accounts: { type: 'boolean', default: false } },
});

function extraRecords(file: string): Record<string, unknown>[] {
  const records = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
  if (!Array.isArray(records)) throw new Error(`${file} must hold a JSON array of CloudTrail records`);
  return records.map((r) => {
    const relative = typeof r.eventTime === 'string' ? /^now-(.+)$/.exec(r.eventTime) : null;
    if (!relative) return r;
    return { ...r, eventTime: new Date(Date.now() - parseDuration('eventTime', relative[1])).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  });
}

async function main() {
  const emulator = await startDemoEmulator({ port: Number(values.port), tps: Number(values.tps), withAccounts: values.accounts });
  const extra = values.records ? extraRecords(values.records) : [];
  emulator.add(extra);
  console.log(`LookupEvents emulator on ${emulator.url}: demo history in ${DEMO_REGIONS.join(', ')}${extra.length ? ` plus ${extra.length} records from ${values.records}` : ''}, ${values.tps} requests/s per region`);
  const accounts = values.accounts ? ` AWS_ENDPOINT_URL_STS=${emulator.url} PACKTRAIL_ACCOUNTS=${DEMO_ACCOUNTS_SETTING}` : '';
  console.log(`try: AWS_ENDPOINT_URL_CLOUDTRAIL=${emulator.url}${accounts} AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x PACKTRAIL_SOURCE=aws PACKTRAIL_REGIONS=${DEMO_REGIONS.join(',')} npm run sync -- --once`);
}

main().catch((err) => {
  console.error(`emulator: ${(err as Error).message}`);
  process.exit(1);
});
