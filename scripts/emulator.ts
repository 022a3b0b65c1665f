// `npm run emulator [-- --port 4566 --tps 2]`: the LookupEvents emulator with the demo history, on
// its own, for pointing a Packtrail (AWS_ENDPOINT_URL_CLOUDTRAIL) or the AWS CLI (--endpoint-url) at it.
import { parseArgs } from 'node:util';
import { generateDemoHistory } from '@/lib/emulator/demo-history';
import { DEMO_REGIONS } from '@/lib/emulator/demo-source';
import { startEmulator } from '@/lib/emulator/lookup-events-server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4566' }, tps: { type: 'string', default: '2' } } });
const now = Date.now();
const items = generateDemoHistory({ start: new Date(now - 90 * 86_400_000), end: new Date(now), regions: DEMO_REGIONS });
const emulator = await startEmulator({ port: Number(values.port), tps: Number(values.tps) });
emulator.add(items);
console.log(`LookupEvents emulator on ${emulator.url} (${items.length} events in ${DEMO_REGIONS.join(', ')}, ${values.tps} requests/s per region)`);
console.log(`try: AWS_ENDPOINT_URL_CLOUDTRAIL=${emulator.url} AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x PACKTRAIL_SOURCE=aws PACKTRAIL_REGIONS=${DEMO_REGIONS.join(',')} npm run sync -- --once`);
