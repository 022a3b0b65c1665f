import { describe, expect, it } from 'vitest';
import { describeChange, stateOf, subjectOf } from './event-change';
import { carriesState, opFamily, stateCallsFor, targetNouns, targets } from './operations';
import { call } from './test-calls';

const CH = 'AWS::MediaPackage::Channel';
const EP = 'AWS::MediaPackage::OriginEndpoint';

describe('operations', () => {
  it('knows which resource an operation acts on', () => {
    expect(targetNouns('UpdateOriginEndpoint')).toEqual(['OriginEndpoint']);
    expect(targetNouns('CreateChannelGroup')).toEqual(['ChannelGroup']);
    expect(targetNouns('PutOriginEndpointPolicy')).toEqual(['OriginEndpoint']);
    expect(targetNouns('ResetChannelState')).toEqual(['Channel']);
    expect(targets('RotateIngestEndpointCredentials', CH)).toBe(true);
    expect(targets('CreateOriginEndpoint', CH)).toBe(false);
    expect(targets('CreateHarvestJob', EP)).toBe(false);
    expect(targets('TagResource', CH)).toBe(false);
    expect(targets('CreateChannel', 'AWS::MediaPackageV2::ChannelGroup')).toBe(false);
  });

  it('knows which calls hold a snapshot of a resource', () => {
    expect(stateCallsFor(CH)).toEqual({ state: ['CreateChannel', 'UpdateChannel', 'RotateIngestEndpointCredentials', 'RotateChannelCredentials', 'ConfigureLogs'], end: ['DeleteChannel'] });
    expect(stateCallsFor('AWS::MediaPackageV2::Channel', true)).toEqual({ state: ['PutChannelPolicy'], end: ['DeleteChannelPolicy', 'DeleteChannel'] });
    expect(carriesState('ResetChannelState', 'AWS::MediaPackageV2::Channel')).toBe(false);
    expect(carriesState('PutOriginEndpointPolicy', 'AWS::MediaPackageV2::OriginEndpoint')).toBe(true);
    expect(opFamily('RotateIngestEndpointCredentials')).toBe('rotate');
    expect(opFamily('UntagResource')).toBe('tag');
    expect(opFamily('ConfigureLogs')).toBe('update');
    expect(opFamily('GetChannel')).toBe('read');
  });
});

describe('describeChange', () => {
  const before = { id: 'sports-hd-hls', hlsPackage: { segmentDurationSeconds: 6 }, whitelist: [] as string[] };

  it('diffs an update against the previous snapshot', () => {
    const prev = call('UpdateOriginEndpoint', before);
    const change = describeChange(call('UpdateOriginEndpoint', { ...before, hlsPackage: { segmentDurationSeconds: 4 }, whitelist: ['198.51.100.0/24'] }), prev);
    expect(change).toMatchObject({ kind: 'changed', previous: prev.event, tags: ['IP allow-list'] });
    if (change.kind !== 'changed') throw new Error(change.kind);
    expect(change.changes.map((c) => c.path)).toEqual(['hlsPackage.segmentDurationSeconds', 'whitelist']);
  });

  it('leaves tag differences to the Tag/Untag calls that made them', () => {
    const prev = call('UpdateOriginEndpoint', { ...before, tags: { a: '1' } });
    const change = describeChange(call('UpdateOriginEndpoint', { ...before, description: 'x', tags: { a: '1', b: '2' } }), prev);
    expect(change.kind === 'changed' && change.changes.map((c) => c.path)).toEqual(['description']);
  });

  it('says no earlier state is known for the first call seen, with its request parameters', () => {
    const c = call('UpdateOriginEndpoint', before, { req: { id: 'sports-hd-hls', timeDelaySeconds: 30 } });
    expect(describeChange(c, null)).toEqual({
      kind: 'unknown-before', subject: c.event.resources[0], requestParameters: { id: 'sports-hd-hls', timeDelaySeconds: 30 }, deletedBefore: null, tags: [],
    });
  });

  it('does not diff across a deletion: the first call after it has no earlier state', () => {
    const deleted = call('DeleteOriginEndpoint', null);
    expect(describeChange(call('UpdateOriginEndpoint', before), deleted)).toMatchObject({ kind: 'unknown-before', deletedBefore: deleted.event });
  });

  it('turns a delete into the previous state removed, flagged as a deletion', () => {
    const change = describeChange(call('DeleteOriginEndpoint', null), call('UpdateOriginEndpoint', before));
    expect(change).toMatchObject({ kind: 'deleted', tags: ['deletion'] });
    if (change.kind !== 'deleted') throw new Error(change.kind);
    expect(change.changes.every((c) => c.kind === 'removed')).toBe(true);
    expect(describeChange(call('DeleteOriginEndpoint', null), null)).toMatchObject({ kind: 'deleted', previous: null, changes: [] });
  });

  it('lists what a create set up', () => {
    const change = describeChange(call('CreateOriginEndpoint', { id: 'x', whitelist: ['192.0.2.0/24'] }, { id: 'x' }), null);
    expect(change).toMatchObject({ kind: 'created', tags: ['IP allow-list'] });
  });

  it('flags a rotation even when the masked password hides the new value', () => {
    const ch = { id: 'sports-hd', hlsIngest: { ingestEndpoints: [{ id: 'i1', username: 'u', password: '***' }] } };
    const change = describeChange(call('RotateIngestEndpointCredentials', ch, { type: CH, id: 'sports-hd' }), call('UpdateChannel', ch, { type: CH, id: 'sports-hd' }));
    expect(change).toMatchObject({ kind: 'changed', changes: [], tags: ['credentials'] });
  });

  it('diffs resource policies parsed from the Put call', () => {
    const policy = (sid: string) => ({ ChannelGroupName: 'live', ChannelName: 'news-24', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow' }] }) });
    const type = 'AWS::MediaPackageV2::Channel';
    const prev = call('PutChannelPolicy', null, { type, id: 'news-24', req: policy('A') });
    const next = call('PutChannelPolicy', null, { type, id: 'news-24', req: policy('B') });
    expect(stateOf(next)).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Allow' }] });
    const change = describeChange(next, prev);
    expect(change).toMatchObject({ kind: 'changed', tags: ['policy'] });
  });

  it('has nothing to say about reads, tags or calls on other resources; a failed change is marked', () => {
    expect(describeChange(call('DescribeOriginEndpoint', null), null)).toEqual({ kind: 'none' });
    expect(describeChange(call('TagResource', null), null)).toEqual({ kind: 'none' });
    expect(describeChange(call('CreateHarvestJob', { id: 'clip' }), null)).toEqual({ kind: 'none' });
    expect(describeChange(call('UpdateOriginEndpoint', null, { errorCode: 'AccessDenied' }), null)).toEqual({ kind: 'failed', errorCode: 'AccessDenied' });
    expect(subjectOf(call('CreateHarvestJob', null).event)).toBeNull();
  });
});
