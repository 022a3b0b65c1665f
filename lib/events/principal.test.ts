import { describe, expect, it } from 'vitest';
import { principalOf } from './principal';

const ACCT = '111122223333';

describe('principalOf', () => {
  it('IAMUser → userName', () => {
    const ui = {
      type: 'IAMUser',
      principalId: 'AIDAJ45Q7YFFAREXAMPLE',
      arn: `arn:aws:iam::${ACCT}:user/deploy-bot`,
      accountId: ACCT,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      userName: 'deploy-bot',
    };
    expect(principalOf(ui)).toEqual({ principal: 'deploy-bot', principalType: 'IAMUser', principalArn: ui.arn });
  });

  it('IAMUser without userName → name from a path-qualified ARN', () => {
    const ui = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCT}:user/ops/ci/deploy-bot`, accountId: ACCT };
    expect(principalOf(ui).principal).toBe('deploy-bot');
  });

  it('AssumedRole → role/session, role from sessionIssuer', () => {
    const ui = {
      type: 'AssumedRole',
      principalId: 'AROAIDPPEZS35WEXAMPLE:ops-alice',
      arn: `arn:aws:sts::${ACCT}:assumed-role/MediaOpsAdmin/ops-alice`,
      accountId: ACCT,
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAIDPPEZS35WEXAMPLE',
          arn: `arn:aws:iam::${ACCT}:role/media/MediaOpsAdmin`,
          accountId: ACCT,
          userName: 'MediaOpsAdmin',
        },
        webIdFederationData: {},
        attributes: { creationDate: '2025-03-04T09:12:00Z', mfaAuthenticated: 'true' },
      },
    };
    expect(principalOf(ui)).toEqual({ principal: 'MediaOpsAdmin/ops-alice', principalType: 'AssumedRole', principalArn: ui.arn });
  });

  it('AssumedRole without sessionContext → role parsed from the ARN', () => {
    const ui = { type: 'AssumedRole', principalId: 'AROAEXAMPLE:ops-alice', arn: `arn:aws:sts::${ACCT}:assumed-role/MediaOpsAdmin/ops-alice`, accountId: ACCT };
    expect(principalOf(ui).principal).toBe('MediaOpsAdmin/ops-alice');
  });

  it('AssumedRole via an AWSReservedSSO_* role → the person, type SSOUser', () => {
    const role = 'AWSReservedSSO_MediaOperators_4f8e2a1b9c3d7e60';
    const ui = {
      type: 'AssumedRole',
      principalId: 'AROA3EXAMPLEEXAMPLE:carol@example.com',
      arn: `arn:aws:sts::${ACCT}:assumed-role/${role}/carol@example.com`,
      accountId: ACCT,
      accessKeyId: 'ASIA3EXAMPLEEXAMPLE',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROA3EXAMPLEEXAMPLE',
          arn: `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/${role}`,
          accountId: ACCT,
          userName: role,
        },
        attributes: { creationDate: '2025-03-04T08:00:00Z', mfaAuthenticated: 'false' },
      },
    };
    expect(principalOf(ui)).toEqual({ principal: 'carol@example.com', principalType: 'SSOUser', principalArn: ui.arn });
  });

  it('role assumed by a Lambda function → role/function-name', () => {
    const ui = {
      type: 'AssumedRole',
      principalId: 'AROA4EXAMPLEEXAMPLE:mp-endpoint-rotator',
      arn: `arn:aws:sts::${ACCT}:assumed-role/mp-endpoint-rotator-role-x1y2z3ab/mp-endpoint-rotator`,
      accountId: ACCT,
      accessKeyId: 'ASIA4EXAMPLEEXAMPLE',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROA4EXAMPLEEXAMPLE',
          arn: `arn:aws:iam::${ACCT}:role/service-role/mp-endpoint-rotator-role-x1y2z3ab`,
          accountId: ACCT,
          userName: 'mp-endpoint-rotator-role-x1y2z3ab',
        },
        attributes: { creationDate: '2025-03-04T07:59:01Z', mfaAuthenticated: 'false' },
      },
    };
    expect(principalOf(ui)).toMatchObject({ principal: 'mp-endpoint-rotator-role-x1y2z3ab/mp-endpoint-rotator', principalType: 'AssumedRole' });
  });

  it('Root → root', () => {
    const ui = { type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, accessKeyId: 'ASIA5EXAMPLE' };
    expect(principalOf(ui)).toEqual({ principal: 'root', principalType: 'Root', principalArn: ui.arn });
  });

  it('FederatedUser → name from the federated-user ARN', () => {
    const ui = {
      type: 'FederatedUser',
      principalId: `${ACCT}:broadcast-night-shift`,
      arn: `arn:aws:sts::${ACCT}:federated-user/broadcast-night-shift`,
      accountId: ACCT,
      accessKeyId: 'ASIA6EXAMPLE',
      sessionContext: {
        attributes: { creationDate: '2025-03-04T01:00:00Z', mfaAuthenticated: 'false' },
        sessionIssuer: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCT}:user/federation-broker`, accountId: ACCT, userName: 'federation-broker' },
      },
    };
    expect(principalOf(ui)).toEqual({ principal: 'broadcast-night-shift', principalType: 'FederatedUser', principalArn: ui.arn });
  });

  it('AWSService → the invoking service, no ARN', () => {
    const ui = { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' };
    expect(principalOf(ui)).toEqual({ principal: 'cloudformation.amazonaws.com', principalType: 'AWSService', principalArn: null });
  });

  it('IdentityCenterUser → onBehalfOf.userId', () => {
    const ui = {
      type: 'IdentityCenterUser',
      accountId: ACCT,
      onBehalfOf: {
        userId: '544894e8-80c1-707f-60e3-3ba6510dfac1',
        identityStoreArn: `arn:aws:identitystore::${ACCT}:identitystore/d-9067642ac7`,
      },
      credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE',
    };
    expect(principalOf(ui)).toEqual({ principal: '544894e8-80c1-707f-60e3-3ba6510dfac1', principalType: 'IdentityCenterUser', principalArn: null });
  });

  it('AWSAccount → account/<id>', () => {
    const ui = { type: 'AWSAccount', principalId: 'AROA7EXAMPLE:partner-sync', accountId: '444455556666' };
    expect(principalOf(ui)).toEqual({ principal: 'account/444455556666', principalType: 'AWSAccount', principalArn: null });
  });

  it('WebIdentityUser and SAMLUser → userName', () => {
    const web = {
      type: 'WebIdentityUser',
      principalId: 'accounts.google.com:app-id.apps.googleusercontent.com:108234567890',
      userName: '108234567890',
      identityProvider: 'accounts.google.com',
    };
    const saml = { type: 'SAMLUser', principalId: 'SampleUkh1i4+ExamplexL/jEvs=:dave', userName: 'dave', identityProvider: 'SampleUkh1i4+ExamplexL/jEvs=' };
    expect(principalOf(web)).toMatchObject({ principal: '108234567890', principalType: 'WebIdentityUser' });
    expect(principalOf(saml)).toMatchObject({ principal: 'dave', principalType: 'SAMLUser' });
  });

  it('missing, garbage and unknown shapes → Lookup Username, else unknown; never throws', () => {
    expect(principalOf(undefined)).toEqual({ principal: 'unknown', principalType: 'Unknown', principalArn: null });
    expect(principalOf(undefined, 'deploy-bot')).toEqual({ principal: 'deploy-bot', principalType: 'Unknown', principalArn: null });
    for (const garbage of [null, 42, 'IAMUser', [], [{ type: 'Root' }], { type: 7 }, { type: 'Directory', userName: 'x' }]) {
      expect(principalOf(garbage).principalType).toBe('Unknown');
    }
    // A known type missing its key fields is as good as unknown.
    expect(principalOf({ type: 'AssumedRole' }, 'ops-alice')).toEqual({ principal: 'ops-alice', principalType: 'Unknown', principalArn: null });
    expect(principalOf({ type: 'AWSService' })).toMatchObject({ principal: 'unknown', principalType: 'Unknown' });
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    expect(principalOf(hostile, 'x')).toEqual({ principal: 'x', principalType: 'Unknown', principalArn: null });
  });
});
