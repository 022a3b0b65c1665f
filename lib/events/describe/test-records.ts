// Real-shaped CloudTrail records for the describe tests: identities as CloudTrail writes them, and
// a record builder that runs through the real normaliser, as the store does.
import { normalizeRecord } from '../normalize';
import { EVENT_SOURCES } from '../resources';
import type { EventSummary } from '../types';
import { makeRecord } from '@/lib/testing/records';

export const ACCT = '111122223333';
export const SSO_ROLE = 'AWSReservedSSO_MediaOpsAdmin_0123456789abcdef';
export const V1 = EVENT_SOURCES.v1;
export const V2 = EVENT_SOURCES.v2;
export const VOD = EVENT_SOURCES.vod;
export const CLI = 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.61 exe/x86_64.amzn.2 prompt/off command/mediapackage.rotate-channel-credentials';

function sessionContext(mfa: boolean, issuer?: Record<string, unknown>): Record<string, unknown> {
  return {
    ...(issuer ? { sessionIssuer: issuer } : {}),
    attributes: { creationDate: '2025-03-04T09:00:00Z', mfaAuthenticated: mfa ? 'true' : 'false' },
  };
}

function role(name: string): Record<string, unknown> {
  return { type: 'Role', principalId: 'AROAIDPPEZS35WEXAMPLE', arn: `arn:aws:iam::${ACCT}:role/${name}`, accountId: ACCT, userName: name };
}

export const IDENTITIES = {
  iamUser: (mfa = false) => ({
    type: 'IAMUser', principalId: 'AIDAEXAMPLE0000000001', arn: `arn:aws:iam::${ACCT}:user/deploy-bot`,
    accountId: ACCT, accessKeyId: 'AKIAEXAMPLE000000001', userName: 'deploy-bot', sessionContext: sessionContext(mfa),
  }),
  assumedRole: (mfa = false) => ({
    type: 'AssumedRole', principalId: 'AROAIDPPEZS35WEXAMPLE:ops-alice', arn: `arn:aws:sts::${ACCT}:assumed-role/MediaOpsAdmin/ops-alice`,
    accountId: ACCT, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionContext: sessionContext(mfa, role('MediaOpsAdmin')),
  }),
  sso: () => ({
    type: 'AssumedRole', principalId: 'AROAIDPPEZS35WEXAMPLE:alice@example.com', arn: `arn:aws:sts::${ACCT}:assumed-role/${SSO_ROLE}/alice@example.com`,
    accountId: ACCT, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionContext: sessionContext(false, role(SSO_ROLE)),
  }),
  root: () => ({ type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, accessKeyId: 'ASIAROOT', sessionContext: sessionContext(true) }),
  awsService: () => ({ type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' }),
  identityCenterUser: () => ({
    type: 'IdentityCenterUser', accountId: ACCT, credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE',
    onBehalfOf: { userId: '94482488-3041-7026-18f3-be45837cd0e4', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067230000' },
  }),
  federatedUser: () => ({
    type: 'FederatedUser', principalId: `${ACCT}:bob`, arn: `arn:aws:sts::${ACCT}:federated-user/bob`, accountId: ACCT, accessKeyId: 'ASIAFED',
    sessionContext: { ...sessionContext(false), sessionIssuer: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCT}:user/deploy-bot`, accountId: ACCT, userName: 'deploy-bot' } },
  }),
  awsAccount: () => ({ type: 'AWSAccount', principalId: 'AIDAEXAMPLEOTHER', accountId: '444455556666' }),
  webIdentity: () => ({
    type: 'WebIdentityUser', principalId: 'accounts.google.com:1234.apps.googleusercontent.com:109876543210', userName: '109876543210',
    identityProvider: 'accounts.google.com',
  }),
  saml: () => ({
    type: 'SAMLUser', principalId: 'Ytj7dZ2ixNx3HzGqmfwG6q6Tc4U=:alice', userName: 'alice',
    identityProvider: `arn:aws:iam::${ACCT}:saml-provider/Okta`,
  }),
  unknownType: () => ({ type: 'Unknown', principalId: 'mystery-caller', accountId: ACCT }),
  damaged: () => 42,
} as const;

export interface Spec {
  source?: string;
  name: string;
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  identity?: unknown;
  errorCode?: string;
  region?: string;
  sourceIp?: string;
  userAgent?: string;
  extra?: Record<string, unknown>;
}

export function recordOf(spec: Spec): Record<string, unknown> {
  const base = makeRecord({ eventName: spec.name, eventSource: spec.source ?? V1, region: spec.region ?? 'us-west-2', errorCode: spec.errorCode });
  return {
    ...base,
    ...(spec.identity !== undefined ? { userIdentity: spec.identity } : {}),
    sourceIPAddress: spec.sourceIp ?? '203.0.113.17',
    userAgent: spec.userAgent ?? CLI,
    requestParameters: spec.request ?? null,
    responseElements: spec.errorCode ? null : (spec.response ?? null),
    ...spec.extra,
  };
}

/** The summary as the store builds it (the real normaliser), and the record as the store parses it. */
export function summarize(record: unknown): { summary: EventSummary; parsed: unknown } {
  const raw = JSON.stringify(record);
  return { summary: normalizeRecord(raw).summary, parsed: JSON.parse(raw) };
}
