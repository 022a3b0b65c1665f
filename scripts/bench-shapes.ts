import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { OPERATIONS } from '@/lib/events/describe/operations';
import { EVENT_SOURCES } from '@/lib/events/resources';
import { createRng } from '@/lib/emulator/prng';
import { generateDemoHistory } from '@/lib/emulator/demo-history';
import { writeTrail } from './bench-trail';

// Trails of several shapes for the benches, so a figure is not only true of our own demo's mix:
// - demo: the demo generator (v1 and v2, its principals and resources), nothing else in the files;
// - wide: all three MediaPackage sources with every operation of their API references, 60
//   principals of every identity shape, 6,000 distinct sources (IPv4, IPv6, AWS Internal,
//   services), request bodies of every size, a few of them up to 1 MB;
// - noisy: the demo's MediaPackage calls as 5 % of a trail that is mostly S3, EC2, IAM, STS, KMS,
//   MediaLive and CloudWatch, as an organisation trail is.
// Each writes gzipped files of up to 1,000 records under AWSLogs/<account>/CloudTrail/<region>/<y>/<m>/<d>/.

export const SHAPES = ['demo', 'wide', 'noisy'] as const;
export type Shape = (typeof SHAPES)[number];
/** What each shape's MediaPackage records come from: VOD only in the wide one. */
export const ALL_SOURCES = Object.values(EVENT_SOURCES) as string[];

const ACCT = '210987654321';
const DAY = 86_400_000;
const REGIONS = ['us-west-2', 'eu-west-1'];
type Rec = Record<string, unknown>;

/** Writes one batch of records (any days, any regions) as trail files; returns the file count. */
function writeFiles(dir: string, records: Rec[], batch: number): number {
  const groups = new Map<string, Rec[]>();
  for (const r of records) {
    const key = `${r.awsRegion}/${String(r.eventTime).slice(0, 10).replace(/-/g, '/')}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  let files = 0;
  for (const [key, list] of groups) {
    list.sort((a, b) => (String(a.eventTime) < String(b.eventTime) ? -1 : 1));
    const folder = path.join(dir, 'AWSLogs', ACCT, 'CloudTrail', key);
    fs.mkdirSync(folder, { recursive: true });
    for (let i = 0; i < list.length; i += 1000) {
      // Level 1: the noisy shape writes gigabytes; how fast a file inflates barely depends on its level.
      const name = `${ACCT}_CloudTrail_${key.split('/')[0]}_${key.replace(/\//g, '')}T0000Z_${batch}_${i}.json.gz`;
      fs.writeFileSync(path.join(folder, name), gzipSync(JSON.stringify({ Records: list.slice(i, i + 1000) }), { level: 1 }));
      files++;
    }
  }
  return files;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hex = (rng: { next(): number }, n: number) => Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
const uuid = (rng: { next(): number }) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;

/** 60 principals, eight identity shapes, as CloudTrail writes them. */
function principals(): Rec[] {
  const role = (name: string) => ({ type: 'Role', principalId: 'AROAWIDEEXAMPLE', arn: `arn:aws:iam::${ACCT}:role/${name}`, accountId: ACCT, userName: name });
  const ctx = (issuer?: Rec, mfa = false) => ({ ...(issuer ? { sessionIssuer: issuer } : {}), attributes: { creationDate: '2026-09-01T08:00:00Z', mfaAuthenticated: String(mfa) } });
  const out: Rec[] = [];
  for (let i = 0; i < 60; i++) {
    const k = i % 8;
    const n = `p${i}`;
    out.push(
      k === 0 ? { type: 'IAMUser', principalId: `AIDAWIDE${i}`, arn: `arn:aws:iam::${ACCT}:user/ci-${n}`, accountId: ACCT, accessKeyId: `AKIAWIDE${String(i).padStart(12, '0')}`, userName: `ci-${n}` }
      : k === 1 ? { type: 'AssumedRole', principalId: `AROAWIDE:${n}`, arn: `arn:aws:sts::${ACCT}:assumed-role/MediaOps/${n}`, accountId: ACCT, accessKeyId: `ASIAWIDE${String(i).padStart(12, '0')}`, sessionContext: ctx(role('MediaOps'), i % 3 === 0) }
      : k === 2 ? { type: 'AssumedRole', principalId: `AROAWIDE:${n}@corp.example`, arn: `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_Media_${hex({ next: () => (i * 7919) % 997 / 997 }, 16)}/${n}@corp.example`, accountId: ACCT, accessKeyId: `ASIASSO${String(i).padStart(13, '0')}`, sessionContext: ctx(role('AWSReservedSSO_Media')) }
      : k === 3 ? { type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, accessKeyId: `ASIAROOT${String(i).padStart(12, '0')}`, sessionContext: ctx(undefined, true) }
      : k === 4 ? { type: 'AWSService', invokedBy: ['cloudformation.amazonaws.com', 'medialive.amazonaws.com', 'mediatailor.amazonaws.com'][i % 3] }
      : k === 5 ? { type: 'FederatedUser', principalId: `${ACCT}:${n}`, arn: `arn:aws:sts::${ACCT}:federated-user/${n}`, accountId: ACCT, accessKeyId: `ASIAFED${String(i).padStart(13, '0')}`, sessionContext: ctx({ type: 'IAMUser', principalId: 'AIDABROKER', arn: `arn:aws:iam::${ACCT}:user/broker`, accountId: ACCT, userName: 'broker' }) }
      : k === 6 ? { type: 'IdentityCenterUser', accountId: ACCT, credentialId: `CRED${i}`, onBehalfOf: { userId: `94482488-3041-7026-18f3-be45837c${String(i).padStart(4, '0')}`, identityStoreArn: `arn:aws:identitystore::${ACCT}:identitystore/d-9067230000` } }
      : { type: 'WebIdentityUser', principalId: `accounts.google.com:app:${i}`, userName: `${100000 + i}`, identityProvider: 'accounts.google.com' },
    );
  }
  return out;
}
const WHO = principals();

/**
 * The wide shape's 6,000 sources: IPv4 (10.0.0.0/8 and beyond), IPv6 (a third), `AWS Internal` and a
 * service's name. Each IPv6 group is at most four hex digits: an address CloudTrail would write.
 * An earlier version wrote five in the last (`2001:db8:8c1::10f5f`), so the store kept them as text
 * sources, not addresses, and no IPv6 filter of the bench ever matched one.
 */
export const WIDE_SOURCES: readonly string[] = Array.from({ length: 6000 }, (_, i) =>
  i % 50 === 0
    ? 'AWS Internal'
    : i % 50 === 1
      ? 'cloudformation.amazonaws.com'
      : i % 3 === 0
        ? `2001:db8:${(i >> 8).toString(16)}:${(i & 255).toString(16)}::${((i * 31) & 0xffff).toString(16)}`
        : `${10 + (i % 200)}.${(i * 7) % 256}.${(i * 13) % 256}.${(i % 254) + 1}`,
);

/** `n` records of every MediaPackage operation over the 89 days before `now`, handed to `write` a day at a time. */
function wideRecords(n: number, now: number, write: (records: Rec[]) => void): void {
  const rng = createRng(17);
  const who = WHO;
  const sources: [string, number][] = [[EVENT_SOURCES.v1, 0.7], [EVENT_SOURCES.v2, 0.18], [EVENT_SOURCES.vod, 0.12]];
  const opsOf = new Map(sources.map(([s]) => [s, Object.keys(OPERATIONS[s])]));
  const agents = ['aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64 prompt/off command/mediapackage.describe-channel', 'aws-sdk-js/3.600.0 ua/2.1 os/linux lang/js md/nodejs#20.11.0 api/mediapackagev2#3.600.0', 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux lang/python#3.11', 'APN/1.0 HashiCorp/1.0 Terraform/1.7.0 terraform-provider-aws/5.40.0 aws-sdk-go-v2/1.25.0', 'AWS Internal', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'];
  let out: Rec[] = [];
  const perDay = Math.ceil(n / 89);
  // A resource keeps its ARN while it lives, as AWS assigns one at creation: each id's ARN changes
  // only once the resource is deleted (DeleteChannel, DeletePackagingGroup). An earlier version gave
  // every write a new random ARN, so 1M events named 615k resources; now 57k.
  const lives = new Map<string, number>();
  const arnOf = (region: string, key: string) =>
    `arn:aws:mediapackage:${region}:${ACCT}:channels/${createHash('md5').update(`${key}/${lives.get(key) ?? 0}`).digest('hex')}`;
  for (let i = 0; i < n; i++) {
    let x = rng.next();
    const source = sources.find(([, share]) => (x -= share) < 0)?.[0] ?? EVENT_SOURCES.v1;
    const ops = opsOf.get(source)!;
    const eventName = ops[Math.floor(rng.next() * ops.length)];
    const readOnly = /^(Describe|List|Get)/.test(eventName);
    const id = `res-${Math.floor(rng.next() * 800)}`;
    const region = REGIONS[i % 2];
    const key = `${region}/${id}`;
    // Most bodies are small; one in 20 carries a long description or tag set; one in 5,000 a policy of 100 kB to 1 MB.
    const size = rng.next();
    const body: Rec = { id, description: size < 0.05 ? 'x'.repeat(2000 + Math.floor(rng.next() * 8000)) : `channel ${id}` };
    if (size > 0.9998) body.policy = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 300 + Math.floor(rng.next() * 3000) }, (_, k) => ({ Sid: `s${k}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${100000000000 + k}:root` }, Action: 'mediapackagev2:GetObject', Resource: '*' })) });
    const failed = rng.next() < 0.03;
    const t = now - (89 - Math.floor(i / perDay)) * DAY + Math.floor(rng.next() * DAY);
    out.push({
      eventVersion: '1.10', userIdentity: who[Math.floor(rng.next() * who.length)], eventTime: iso(t), eventSource: source, eventName,
      awsRegion: region, sourceIPAddress: WIDE_SOURCES[Math.floor(rng.next() * WIDE_SOURCES.length)], userAgent: agents[i % agents.length],
      requestParameters: body, responseElements: readOnly || failed ? null : { id, arn: arnOf(region, key) },
      ...(failed ? { errorCode: 'AccessDenied', errorMessage: `User is not authorized to perform: ${eventName}` } : {}),
      requestID: uuid(rng), eventID: uuid(rng), readOnly, eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: ACCT, eventCategory: 'Management',
      tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
    });
    if (!failed && (eventName === 'DeleteChannel' || eventName === 'DeletePackagingGroup')) lives.set(key, (lives.get(key) ?? 0) + 1);
    if (out.length === perDay || i === n - 1) {
      write(out);
      out = [];
    }
  }
}

/** `n` other services' calls in the day starting at `dayStart`, for the noisy shape. */
function otherRecords(rng: { next(): number }, n: number, dayStart: number): Rec[] {
  const calls: [string, string, boolean][] = [
    ['s3.amazonaws.com', 'GetObject', true], ['s3.amazonaws.com', 'PutObject', false], ['ec2.amazonaws.com', 'DescribeInstances', true], ['iam.amazonaws.com', 'ListRoles', true],
    ['sts.amazonaws.com', 'AssumeRole', true], ['kms.amazonaws.com', 'Decrypt', true], ['medialive.amazonaws.com', 'DescribeChannel', true], ['medialive.amazonaws.com', 'CreateChannel', false],
    ['monitoring.amazonaws.com', 'GetMetricData', true], ['logs.amazonaws.com', 'PutLogEvents', false],
  ];
  const who = WHO;
  return Array.from({ length: n }, (_, i) => {
    const [eventSource, eventName, readOnly] = calls[Math.floor(rng.next() * calls.length)];
    return {
      eventVersion: '1.10', userIdentity: who[i % who.length], eventTime: iso(dayStart + Math.floor(rng.next() * DAY)), eventSource, eventName, awsRegion: REGIONS[i % 2],
      sourceIPAddress: `${10 + (i % 200)}.${i % 256}.${(i >> 8) % 256}.${i % 250 + 1}`, userAgent: 'aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/21',
      requestParameters: { bucketName: `media-${i % 40}`, key: `segments/${hex(rng, 24)}.ts`, channelId: `${i % 500}` }, responseElements: null,
      requestID: uuid(rng), eventID: uuid(rng), readOnly, eventType: 'AwsApiCall', managementEvent: !eventSource.startsWith('s3'), recipientAccountId: ACCT, eventCategory: eventSource.startsWith('s3') ? 'Data' : 'Management',
    };
  });
}

/** Writes a trail of the shape with about `events` MediaPackage events; returns the file count. */
export function writeShapeTrail(dir: string, shape: Shape, now: number, events: number): number {
  // The demo generator's days come out about 6 % short of eventsPerDay (994,803 of 1,058,000 asked).
  if (shape === 'demo') return writeTrail(dir, now, Math.ceil((events * 1.08) / 92));
  let files = 0;
  if (shape === 'wide') {
    wideRecords(events, now, (records) => (files += writeFiles(dir, records, files)));
    return files;
  }
  // Noisy: the demo's calls, and 19 other services' records for each of them, day by day.
  const ours = generateDemoHistory({ seed: 2027, start: new Date(now - 89 * DAY), end: new Date(now), eventsPerDay: Math.ceil((events * 1.08) / 89) }).map((x) => x.record as Rec);
  const rng = createRng(23);
  const start = now - 89 * DAY;
  let at = 0;
  for (let day = 0; day < 89; day++) {
    const end = new Date(start + (day + 1) * DAY).toISOString();
    const first = at;
    while (at < ours.length && String(ours[at].eventTime) < end) at++;
    const mine = ours.slice(first, at);
    files += writeFiles(dir, [...mine, ...otherRecords(rng, mine.length * 19, start + day * DAY)], files);
  }
  return files;
}
