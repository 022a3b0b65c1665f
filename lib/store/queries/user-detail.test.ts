import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseQuery } from '@/lib/filters/parse-query';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { makeRecord, type RecordSpec } from '@/lib/testing/records';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';


const T0 = Date.parse('2026-11-20T12:00:00Z');
const ALICE_ARN = 'arn:aws:sts::111122223333:assumed-role/MediaOpsAdmin/ops-alice';

function event(spec: RecordSpec & { key?: string; extra?: Record<string, unknown> } = {}) {
  const record = makeRecord({ time: T0, ...spec });
  const ui = record.userIdentity as Record<string, unknown>;
  if (spec.key) ui.accessKeyId = spec.key;
  return normalizeRecord(JSON.stringify({ ...record, ...spec.extra }));
}
function alice(spec: RecordSpec & { key?: string } = {}) {
  const identity = {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:ops-alice',
    arn: ALICE_ARN,
    accountId: '111122223333',
    accessKeyId: spec.key ?? 'ASIAALICE0000000001',
    sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/MediaOpsAdmin', userName: 'MediaOpsAdmin' } },
  };
  return event({ ...spec, extra: { userIdentity: identity } });
}
function filter(qs: string): EventFilter {
  const r = parseQuery(new URLSearchParams(qs), {}, new Date(T0 + 3_600_000));
  if (!r.ok) throw new Error(r.error);
  return r.value.filter;
}

describe.each(STORE_BACKENDS)('%s store', (backend) => {
  const temp = useTempStore(backend);

  describe('userDetail', () => {
    it('profiles one principal: identity, operations, IPs and access keys with first and last use', async () => {
      await temp.store.commitPage([
        alice({ time: T0 - 3_000, sourceIp: '203.0.113.5', key: 'ASIAKEY1', eventName: 'DescribeChannel' }),
        alice({ time: T0 - 2_000, sourceIp: '198.51.100.7', key: 'ASIAKEY1', eventName: 'UpdateChannel' }),
        alice({ time: T0 - 1_000, sourceIp: '203.0.113.5', key: 'ASIAKEY2', eventName: 'DeleteChannel', errorCode: 'AccessDenied' }),
        event({ user: 'deploy-bot', time: T0 }),
      ]);
      const d = await temp.store.userDetail('MediaOpsAdmin/ops-alice', emptyFilter);
      expect(d).toMatchObject({
        principal: 'MediaOpsAdmin/ops-alice',
        type: 'AssumedRole',
        arns: [ALICE_ARN],
        allTime: { events: 3, firstSeen: new Date(T0 - 3_000).toISOString(), lastSeen: new Date(T0 - 1_000).toISOString() },
        events: 3,
        changes: 2,
        errors: 1,
        errorCodes: { AccessDenied: 1 },
        regions: { 'us-west-2': 3 },
        ipCount: 2,
        accessKeyCount: 2,
      });
      expect(d!.ops.map((o) => o.op).sort()).toEqual(['DeleteChannel', 'DescribeChannel', 'UpdateChannel']);
      expect(d!.ops.find((o) => o.op === 'DeleteChannel')).toEqual({ op: 'DeleteChannel', events: 1, errors: 1 });
      // Newest first, each with when it was first and last used.
      expect(d!.ips).toEqual([
        { value: '203.0.113.5', events: 2, firstSeen: new Date(T0 - 3_000).toISOString(), lastSeen: new Date(T0 - 1_000).toISOString() },
        { value: '198.51.100.7', events: 1, firstSeen: new Date(T0 - 2_000).toISOString(), lastSeen: new Date(T0 - 2_000).toISOString() },
      ]);
      expect(d!.accessKeys.map((k) => [k.value, k.events])).toEqual([
        ['ASIAKEY2', 1],
        ['ASIAKEY1', 2],
      ]);
      expect(d!.userAgents).toHaveLength(1);
    });

    it('applies the filter to activity but keeps the identity when nothing matches', async () => {
      await temp.store.commitPage([
        alice({ time: T0 - 2 * 86_400_000, region: 'eu-west-1' }),
        alice({ time: T0, region: 'us-west-2', eventName: 'DescribeChannel' }),
      ]);
      const recent = await temp.store.userDetail('MediaOpsAdmin/ops-alice', filter('range=24h'));
      expect(recent).toMatchObject({ events: 1, changes: 0, regions: { 'us-west-2': 1 }, allTime: { events: 2 } });
      const none = await temp.store.userDetail('MediaOpsAdmin/ops-alice', filter('region=ap-south-1'));
      expect(none).toMatchObject({ type: 'AssumedRole', events: 0, changes: 0, errors: 0, firstSeen: null, lastSeen: null, ops: [], ips: [] });
      // The path names the principal; a `user` in the filter cannot widen it to someone else.
      expect((await temp.store.userDetail('MediaOpsAdmin/ops-alice', filter('user=deploy-bot')))?.events).toBe(2);
    });

    it('returns null for a principal never seen', async () => {
      await temp.store.commitPage([event({ user: 'deploy-bot' })]);
      expect(await temp.store.userDetail('nobody', emptyFilter)).toBeNull();
      expect(await temp.store.userDetail('deploy-bot/../x', emptyFilter)).toBeNull();
    });
  });

  describe('userErrorCodes', () => {
    it('counts failed calls per principal and error code, under the filter', async () => {
      await temp.store.commitPage([
        alice({ errorCode: 'AccessDenied' }),
        alice({ errorCode: 'AccessDenied' }),
        alice({ errorCode: 'NotFoundException', region: 'eu-west-1' }),
        event({ user: 'deploy-bot' }),
        event({ user: 'grace', errorCode: 'AccessDeniedException' }),
      ]);
      expect(await temp.store.userErrorCodes(emptyFilter)).toEqual({
        '111122223333': {
          'MediaOpsAdmin/ops-alice': { AccessDenied: 2, NotFoundException: 1 },
          grace: { AccessDeniedException: 1 },
        },
      });
      expect(await temp.store.userErrorCodes(filter('region=eu-west-1'))).toEqual({ '111122223333': { 'MediaOpsAdmin/ops-alice': { NotFoundException: 1 } } });
    });
  });

  describe('principals of several accounts', () => {
    const PROD = '111122223333';
    const STAGING = '444455556666';

    it('are never merged: one name in two accounts is two principals, each with its own counts and failures', async () => {
      // Over 40 days, so the daily rollup answers the middle of the window and the events its edges.
      const day = 86_400_000;
      await temp.store.commitPage([
        ...[0, 1, 2, 20, 39].map((d) => event({ user: 'deploy-bot', account: PROD, time: T0 - d * day })),
        ...[0, 5].map((d) => event({ user: 'deploy-bot', account: STAGING, time: T0 - d * day, errorCode: d ? 'AccessDenied' : undefined })),
      ]);
      const window = `from=${new Date(T0 - 45 * day).toISOString()}&to=${new Date(T0 + 1000).toISOString()}`;
      const users = await temp.store.userActivity(filter(window));
      expect(users.map((u) => [u.accountId, u.principal, u.events, u.errors])).toEqual([
        [PROD, 'deploy-bot', 5, 0],
        [STAGING, 'deploy-bot', 2, 1],
      ]);
      expect(users.map((u) => u.principalArn)).toEqual([`arn:aws:iam::${PROD}:user/deploy-bot`, `arn:aws:iam::${STAGING}:user/deploy-bot`]);
      // An account filter keeps that account's principal, from the rollup and the edges alike.
      expect((await temp.store.userActivity(filter(`${window}&account=${STAGING}`))).map((u) => [u.accountId, u.events])).toEqual([[STAGING, 2]]);
      expect(await temp.store.userErrorCodes(filter(window))).toEqual({ [STAGING]: { 'deploy-bot': { AccessDenied: 1 } } });

      // A principal's page scoped to one account counts only that account's events, all time too.
      const staging = await temp.store.userDetail('deploy-bot', { ...filter(`${window}&account=${STAGING}`), user: 'deploy-bot' });
      expect([staging?.events, staging?.allTime.events, staging?.arns]).toEqual([2, 2, [`arn:aws:iam::${STAGING}:user/deploy-bot`]]);
      const both = await temp.store.userDetail('deploy-bot', { ...filter(window), user: 'deploy-bot' });
      expect([both?.events, both?.allTime.events]).toEqual([7, 7]);
    });
  });
});
