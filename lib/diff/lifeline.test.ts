import { describe, expect, it } from 'vitest';
import type { ResourceHistoryRow, ResourceSubject } from '@/lib/store/types';
import { call } from './test-calls';
import { buildLifeline, groupBySubject } from './lifeline';

const CH = 'AWS::MediaPackage::Channel';
const subject: ResourceSubject = { type: CH, id: 'kids-live', arn: null, region: 'us-west-2', accountId: '111122223333' };

function row(eventName: string, res: unknown = null, opts: { errorCode?: string; type?: string; id?: string } = {}): ResourceHistoryRow {
  const c = call(eventName, res, { type: opts.type ?? CH, id: opts.id ?? 'kids-live', errorCode: opts.errorCode });
  const ok = !opts.errorCode && !c.event.readOnly;
  return { event: c.event, match: { type: CH, id: 'kids-live', arn: null }, raw: ok ? JSON.stringify(c.record) : null };
}

const state = (description: string) => ({ id: 'kids-live', description, hlsIngest: { ingestEndpoints: [{ id: 'i1', username: 'u', password: '***' }] } });

describe('buildLifeline', () => {
  it('separates a deleted and re-created channel into two lives, each with its own create and delete', () => {
    const rows = [
      row('CreateChannel', state('Kids')),
      row('DescribeChannel'),
      row('DescribeChannel'),
      row('UpdateChannel', state('Kids, daytime')),
      row('RotateIngestEndpointCredentials', state('Kids, daytime')),
      row('DeleteChannel'),
      row('DescribeChannel', null, { errorCode: 'NotFoundException' }),
      row('CreateChannel', state('Kids again')),
      row('UpdateChannel', state('Kids again, v2')),
    ];
    const lives = buildLifeline(subject, rows);
    expect(lives).toHaveLength(2);
    const [first, second] = lives;
    expect(first.created?.eventId).toBe(rows[0].event.eventId);
    expect(first.deleted?.eventId).toBe(rows[5].event.eventId);
    expect(first.events).toBe(7);
    expect(first.steps.map((s) => (s.kind === 'call' ? s.event.eventName : `reads:${s.count}/${s.failed}`))).toEqual([
      'CreateChannel', 'reads:2/0', 'UpdateChannel', 'RotateIngestEndpointCredentials', 'DeleteChannel', 'reads:1/1',
    ]);
    const update = first.steps[2];
    expect(update.kind === 'call' && update.change).toMatchObject({ kind: 'changed', changes: [{ path: 'description', before: 'Kids', after: 'Kids, daytime' }] });
    const rotate = first.steps[3];
    expect(rotate.kind === 'call' && rotate.change).toMatchObject({ kind: 'changed', tags: ['credentials'] });
    expect(second.created?.eventId).toBe(rows[7].event.eventId);
    expect(second.deleted).toBeNull();
    // The second life's first update diffs against its own create, never against the first life.
    const update2 = second.steps[1];
    expect(update2.kind === 'call' && update2.change).toMatchObject({ kind: 'changed', changes: [{ path: 'description', before: 'Kids again' }] });
  });

  it('starts a life whose creation is older than the store with an unknown earlier state', () => {
    const lives = buildLifeline(subject, [row('DescribeChannel'), row('UpdateChannel', state('x')), row('UpdateChannel', null, { errorCode: 'AccessDenied' })]);
    expect(lives).toHaveLength(1);
    expect(lives[0].created).toBeNull();
    const [reads, update, failed] = lives[0].steps;
    expect(reads).toMatchObject({ kind: 'reads', count: 1, ops: [['DescribeChannel', 1]] });
    expect(update.kind === 'call' && update.change?.kind).toBe('unknown-before');
    expect(failed.kind === 'call' && failed.change).toEqual({ kind: 'failed', errorCode: 'AccessDenied' });
  });

  it('diffs the first change of a later page against the state before it, when given', () => {
    const earlier = row('UpdateChannel', state('Kids'));
    const page = [row('DescribeChannel'), row('UpdateChannel', state('Kids, daytime'))];
    const [life] = buildLifeline(subject, page, { state: { event: earlier.event, record: JSON.parse(earlier.raw!) }, policy: null });
    expect(life.created).toBeNull();
    const update = life.steps[1];
    expect(update.kind === 'call' && update.change).toMatchObject({ kind: 'changed', changes: [{ path: 'description', before: 'Kids', after: 'Kids, daytime' }] });
  });

  it('folds calls on children in with the reads around them; tags on the resource stay steps', () => {
    const EP = { type: 'AWS::MediaPackage::OriginEndpoint', id: 'kids-live-hls' };
    const lives = buildLifeline(subject, [
      row('UpdateChannel', state('a')),
      row('DescribeChannel'),
      row('CreateOriginEndpoint', { id: 'kids-live-hls' }, EP),
      row('UpdateOriginEndpoint', { id: 'kids-live-hls' }, EP),
      row('TagResource'),
    ]);
    const [, quiet, tag] = lives[0].steps;
    expect(quiet).toMatchObject({ kind: 'reads', count: 1, ops: [['DescribeChannel', 1]] });
    expect(quiet.kind === 'reads' && quiet.children.map((c) => [c.event.eventName, c.primary, c.change])).toEqual([
      ['CreateOriginEndpoint', false, null],
      ['UpdateOriginEndpoint', false, null],
    ]);
    expect(tag).toMatchObject({ kind: 'call', family: 'tag', primary: false, change: null });
  });
});

describe('groupBySubject', () => {
  it('keeps resources that share an id apart by type and region', () => {
    const a = row('UpdateChannel', state('a'));
    const b = { ...row('UpdateChannel', state('b')), match: { type: 'AWS::MediaPackageV2::Channel', id: 'kids-live', arn: 'arn:x' } };
    const c = { ...row('UpdateChannel', state('c')) };
    c.event = { ...c.event, region: 'eu-west-1' };
    const groups = groupBySubject([a, b, c]);
    expect(groups.map((g) => `${g.subject.type} ${g.subject.region} ${g.subject.arn}`)).toEqual([
      'AWS::MediaPackage::Channel eu-west-1 null',
      'AWS::MediaPackageV2::Channel us-west-2 arn:x',
      'AWS::MediaPackage::Channel us-west-2 null',
    ]);
  });
});
