import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeRecord } from '@/lib/testing/records';

// Test data laid out as a trail delivers it: AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…json.gz.
// Each test builds its own tree in its own temp directory.

const ACCOUNT = '111122223333';
type Rec = Record<string, unknown>;

export interface TrailFixture {
  /** Relative path (also the S3 key) → bytes. */
  files: Map<string, Buffer>;
  /** Records of the default sources (mediapackage, mediapackagev2): what must land. */
  mediaPackage: Rec[];
  /** Records that must never land with the default sources. */
  others: Rec[];
  records: number;
  logFiles: number;
  skipped: number;
  /** Relative path → the start of the reason it must be reported with. */
  bad: Map<string, string>;
}

function logPath(region: string, day: string, n: number, ext = '.json.gz'): string {
  const [y, m, d] = day.split('-');
  return `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${y}/${m}/${d}/${ACCOUNT}_CloudTrail_${region}_${y}${m}${d}T1205Z_${String(n).padStart(16, 'x')}${ext}`;
}

export function buildTrail(options: { withBadFiles?: boolean } = {}): TrailFixture {
  const t = Date.parse('2026-11-20T12:00:00Z');
  const mp = (spec: Parameters<typeof makeRecord>[0]) => makeRecord({ time: t, ...spec });
  const described = mp({ eventName: 'CreateChannel', channelId: 'news-24' });
  // A user-written description: the stored raw record must keep it exactly as JSON.stringify writes it.
  described.requestParameters = { id: 'news-24', description: '<script>alert("x")</script> é ✓ \u2028 tab\t' };
  const westA = [mp({ eventName: 'UpdateChannel' }), mp({ eventName: 'RotateIngestEndpointCredentials' }), described];
  const mediaLive = makeRecord({ time: t, eventName: 'CreateChannel', eventSource: 'medialive.amazonaws.com' });
  const s3Call = makeRecord({ time: t, eventName: 'GetBucketAcl', eventSource: 's3.amazonaws.com' });
  const euV2 = [mp({ eventName: 'CreateOriginEndpoint', eventSource: 'mediapackagev2.amazonaws.com', region: 'eu-west-1' }), mp({ eventName: 'DeleteChannel', eventSource: 'mediapackagev2.amazonaws.com', region: 'eu-west-1' })];
  const vod = mp({ eventName: 'CreateAsset', eventSource: 'mediapackagevod.amazonaws.com', region: 'eu-west-1' });
  const plain = [mp({ eventName: 'DescribeChannel', time: t + 60_000 }), mp({ eventName: 'ListChannels', time: t + 120_000 })];

  const files = new Map<string, Buffer>();
  const gz = (records: Rec[]) => gzipSync(JSON.stringify({ Records: records }));
  files.set(logPath('us-west-2', '2026-11-20', 1), gz([westA[0], mediaLive, westA[1], s3Call, westA[2]]));
  files.set(logPath('eu-west-1', '2026-11-20', 2), gz([...euV2, vod]));
  files.set(logPath('us-west-2', '2026-11-21', 3, '.json'), Buffer.from(JSON.stringify({ Records: plain }, null, 2)));
  files.set(`AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-west-2/2026/11/20/${ACCOUNT}_CloudTrail-Digest_us-west-2_trail_us-west-2_20261120T120000Z.json.gz`, gzipSync('{"digestStartTime":"x"}'));
  files.set('README.txt', Buffer.from('not a log file'));

  const bad = new Map<string, string>();
  if (options.withBadFiles) {
    const corrupt = logPath('us-west-2', '2026-11-22', 4);
    const truncated = logPath('us-west-2', '2026-11-22', 5);
    const notJson = logPath('us-west-2', '2026-11-22', 6, '.json');
    const noRecords = logPath('us-west-2', '2026-11-22', 7, '.json');
    files.set(corrupt, Buffer.from('this is not gzip at all'));
    files.set(truncated, gz([mp({})]).subarray(0, 30));
    files.set(notJson, Buffer.from('<html>Access Denied</html>'));
    files.set(noRecords, Buffer.from('{"foo":1}'));
    bad.set(corrupt, 'bad gzip').set(truncated, 'bad gzip').set(notJson, 'not JSON').set(noRecords, 'no Records array');
  }
  return {
    files,
    mediaPackage: [...westA, ...euV2, ...plain],
    others: [mediaLive, s3Call, vod],
    records: 10,
    logFiles: 3,
    skipped: 2,
    bad,
  };
}

export function writeTrail(root: string, fixture: TrailFixture): void {
  for (const [rel, body] of fixture.files) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), body);
  }
}
