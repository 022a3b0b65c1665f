import { describe, expect, it } from 'vitest';
import { diffStates, isMasked } from './diff-states';
import { securityTagOf, securityTagsOfOperation } from './security';

const endpoint = {
  id: 'sports-hd-hls',
  description: 'HLS output',
  whitelist: ['203.0.113.0/24'],
  hlsPackage: { segmentDurationSeconds: 6, playlistWindowSeconds: 60, streamSelection: { streamOrder: 'ORIGINAL' } },
  url: 'https://example.mediapackage.us-west-2.amazonaws.com/out/v1/abc/index.m3u8',
};

const byPath = (changes: ReturnType<typeof diffStates>) => Object.fromEntries(changes.map((c) => [c.path, c]));

describe('diffStates', () => {
  it('reports a nested change as a dotted path with old and new values', () => {
    const after = { ...endpoint, hlsPackage: { ...endpoint.hlsPackage, segmentDurationSeconds: 4 } };
    expect(diffStates(endpoint, after)).toEqual([
      { path: 'hlsPackage.segmentDurationSeconds', kind: 'changed', before: 6, after: 4, security: null },
    ]);
  });

  it('lists array items added and removed under the array path, flagged as IP allow-list changes', () => {
    const after = { ...endpoint, whitelist: ['198.51.100.0/24', '2001:db8:4a2f::/48'] };
    const changes = diffStates(endpoint, after);
    expect(changes).toHaveLength(3);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'whitelist', kind: 'added', after: '198.51.100.0/24', security: 'IP allow-list' },
        { path: 'whitelist', kind: 'added', after: '2001:db8:4a2f::/48', security: 'IP allow-list' },
        { path: 'whitelist', kind: 'removed', before: '203.0.113.0/24', security: 'IP allow-list' },
      ]),
    );
  });

  it('ignores a reordered list', () => {
    const a = { whitelist: ['a', 'b', 'c'] };
    expect(diffStates(a, { whitelist: ['c', 'a', 'b'] })).toEqual([]);
  });

  it('opens an added object into its leaves and flags CDN authorization', () => {
    const authorization = { cdnIdentifierSecret: 'arn:aws:secretsmanager:us-west-2:111122223333:secret:cdn', secretsRoleArn: 'arn:aws:iam::111122223333:role/R' };
    const changes = byPath(diffStates(endpoint, { ...endpoint, authorization }));
    expect(Object.keys(changes)).toEqual(['authorization.cdnIdentifierSecret', 'authorization.secretsRoleArn']);
    expect(changes['authorization.secretsRoleArn']).toMatchObject({ kind: 'added', after: authorization.secretsRoleArn, security: 'CDN authorization' });
  });

  it('shows masked values as masked, never as a change', () => {
    const ch = (password: string, username = 'u1') => ({ hlsIngest: { ingestEndpoints: [{ id: 'e1', url: 'https://x', username, password }] } });
    expect(diffStates(ch('***'), ch('***'))).toEqual([]);
    expect(diffStates(ch('hunter2'), ch('*****'))).toEqual([
      { path: 'hlsIngest.ingestEndpoints[0].password', kind: 'masked', security: 'credentials' },
    ]);
    expect(diffStates(ch('***', 'u1'), ch('***', 'u2'))).toEqual([
      { path: 'hlsIngest.ingestEndpoints[0].username', kind: 'changed', before: 'u1', after: 'u2', security: 'credentials' },
    ]);
    expect(isMasked('***')).toBe(true);
    expect(isMasked('')).toBe(false);
    expect(isMasked('a***')).toBe(false);
  });

  it('matches array elements by id, so an edit inside one is a field change', () => {
    const a = { HlsManifests: [{ ManifestName: 'index', ManifestWindowSeconds: 60 }, { ManifestName: 'low', ManifestWindowSeconds: 30 }] };
    const b = { HlsManifests: [{ ManifestName: 'low', ManifestWindowSeconds: 30 }, { ManifestName: 'index', ManifestWindowSeconds: 120 }] };
    expect(diffStates(a, b)).toEqual([{ path: 'HlsManifests[1].ManifestWindowSeconds', kind: 'changed', before: 60, after: 120, security: null }]);
  });

  it('opens an added or removed array element into leaves at its index', () => {
    const ep = (id: string) => ({ id, url: `https://in/${id}`, username: `u-${id}`, password: '***' });
    const changes = diffStates({ hlsIngest: { ingestEndpoints: [ep('a')] } }, { hlsIngest: { ingestEndpoints: [ep('b')] } });
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'added hlsIngest.ingestEndpoints[0].id', 'added hlsIngest.ingestEndpoints[0].url', 'added hlsIngest.ingestEndpoints[0].username', 'added hlsIngest.ingestEndpoints[0].password',
      'removed hlsIngest.ingestEndpoints[0].id', 'removed hlsIngest.ingestEndpoints[0].url', 'removed hlsIngest.ingestEndpoints[0].username', 'removed hlsIngest.ingestEndpoints[0].password',
    ]);
    expect(changes.find((c) => c.path.endsWith('password') && c.kind === 'added')).toMatchObject({ after: '***', security: 'credentials' });
  });

  it('lists an empty setting that appears without flagging it', () => {
    expect(diffStates(null, { egressAccessLogs: {} })).toEqual([{ path: 'egressAccessLogs', kind: 'added', after: {}, security: null }]);
  });

  it('leaves out fields every write changes (ModifiedAt, ETag)', () => {
    const a = { Description: 'x', ModifiedAt: '2026-11-01T00:00:00.000Z', ETag: 'abc=' };
    expect(diffStates(a, { ...a, ModifiedAt: '2026-11-02T00:00:00.000Z', ETag: 'def=' })).toEqual([]);
    expect(diffStates(null, a).map((c) => c.path)).toEqual(['Description']);
  });

  it('turns a deletion into every last-known setting removed', () => {
    const changes = diffStates(endpoint, null);
    expect(changes.every((c) => c.kind === 'removed')).toBe(true);
    expect(changes.map((c) => c.path)).toContain('hlsPackage.streamSelection.streamOrder');
    expect(changes.filter((c) => c.path === 'whitelist')).toEqual([{ path: 'whitelist', kind: 'removed', before: '203.0.113.0/24', security: 'IP allow-list' }]);
    expect(diffStates({ a: { b: [], c: {} } }, null)).toEqual([]);
  });

  it('flags encryption, access-log and policy paths', () => {
    const a = { hlsPackage: { encryption: { spekeKeyProvider: { roleArn: 'r1', url: 'https://k' } } }, egressAccessLogs: {} };
    const b = { hlsPackage: { encryption: { spekeKeyProvider: { roleArn: 'r2', url: 'https://k' } } }, egressAccessLogs: { logGroupName: '/aws/x' } };
    expect(byPath(diffStates(a, b))).toMatchObject({
      'hlsPackage.encryption.spekeKeyProvider.roleArn': { security: 'encryption' },
      'egressAccessLogs.logGroupName': { kind: 'added', security: 'access logs' },
    });
    expect(securityTagOf(['Statement', 0, 'Effect'])).toBe('policy');
    expect(securityTagOf(['description'])).toBeNull();
    expect(securityTagOf(['tags', 'username'])).toBeNull();
  });

  it('flags whole operations: rotation, deletion, policy, log routing', () => {
    expect(securityTagsOfOperation('RotateIngestEndpointCredentials')).toEqual(['credentials']);
    expect(securityTagsOfOperation('DeleteChannel')).toEqual(['deletion']);
    expect(securityTagsOfOperation('PutOriginEndpointPolicy')).toEqual(['policy']);
    expect(securityTagsOfOperation('DeleteChannelPolicy')).toEqual(['policy']);
    expect(securityTagsOfOperation('ConfigureLogs')).toEqual(['access logs']);
    expect(securityTagsOfOperation('UpdateChannel')).toEqual([]);
  });
});
