// The cast of the demo account: who calls MediaPackage, from where, with which tools.
// userIdentity shapes follow what CloudTrail writes for each identity type, because the
// product's principal parsing is exercised against these records.

import { derivedRng, type Rng, UPPER_ALNUM } from './prng';

export type IdentityType = 'IAMUser' | 'AssumedRole' | 'Root' | 'FederatedUser' | 'AWSService' | 'IdentityCenterUser';

export interface CallInfo {
  source: string;
  name: string;
  /** Days since the start of the simulation; tools get upgraded part-way through. */
  day: number;
}

export interface Client {
  ip: string;
  ua: string;
  /** Console sessions get `sessionCredentialFromConsole`. */
  console: boolean;
  /** Calls relayed by AWS itself carry no client TLS details. */
  tls: 'v13' | 'v12' | null;
}

export interface Principal {
  key: string;
  type: IdentityType;
  /** The ARN an AccessDenied message names. */
  arn: string;
  identity(t: number): Record<string, unknown>;
  client(rng: Rng, call: CallInfo): Client;
}

export function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const svc = (source: string): string => source.split('.')[0];

const UA = {
  cli: (c: CallInfo, os: string, arch = 'x86_64'): string =>
    `aws-cli/${c.day < 50 ? '2.22.35 md/awscrt#0.23.4' : '2.24.12 md/awscrt#0.23.8'} ua/2.1 os/${os} md/arch#${arch} ` +
    `lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#${svc(c.source)}.${kebab(c.name)}`,
  boto3: (): string =>
    'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.1.112-124.190.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36',
  legacy: (): string => 'Boto3/1.9.253 Python/2.7.18 Linux/4.14.186-146.268.amzn2.x86_64 Botocore/1.12.253',
  terraform: (c: CallInfo): string =>
    `APN/1.0 HashiCorp/1.0 Terraform/${c.day < 36 ? '1.9.8' : '1.10.2'} (+https://www.terraform.io) terraform-provider-aws/5.72.1 ` +
    `(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.2 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/${svc(c.source)}#1.33.2`,
  sdkJs: (c: CallInfo): string =>
    `aws-sdk-js/3.682.0 ua/2.1 os/linux#5.10.227-239.884.amzn2.x86_64 lang/js md/nodejs#20.17.0 api/${svc(c.source)}#3.682.0 exec-env/AWS_Lambda_nodejs20.x m/E`,
  chrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
};

/** The console reaches MediaPackage either straight from the browser or through its own backend. */
function consoleClient(rng: Rng, ip: string, browser: string): Client {
  const r = rng.next();
  if (r < 0.35) return { ip: 'AWS Internal', ua: 'AWS Internal', console: true, tls: null };
  if (r < 0.5) return { ip, ua: 'console.amazonaws.com', console: true, tls: 'v13' };
  return { ip, ua: browser, console: true, tls: 'v13' };
}

const cliClient = (ip: string, ua: string): Client => ({ ip, ua, console: false, tls: 'v13' });
const serviceClient = (name: string): Client => ({ ip: name, ua: name, console: false, tls: null });

export interface Principals {
  deployBot: Principal;
  legacyEncoder: Principal;
  grace: Principal;
  alice: Principal;
  bob: Principal;
  frank: Principal;
  monitor: Principal;
  cfnRole: Principal;
  github: Principal;
  carol: Principal;
  dave: Principal;
  root: Principal;
  eve: Principal;
  mpService: Principal;
  cfnService: Principal;
  icUser: Principal;
}

export function buildPrincipals(seed: number, acct: string): Principals {
  const id = (prefix: string, name: string): string => prefix + derivedRng(seed, `pid:${name}`).chars(17, UPPER_ALNUM);
  /** Temporary credentials are re-issued every `period` seconds, at a per-principal phase. */
  const session = (name: string, t: number, period: number) => {
    const phase = derivedRng(seed, `phase:${name}`).int(0, period - 1);
    const index = Math.floor((t - phase) / period);
    return { created: iso(index * period + phase), key: 'ASIA' + derivedRng(seed, `asia:${name}#${index}`).chars(16, UPPER_ALNUM) };
  };
  const attrs = (created: string, mfa: boolean) => ({ creationDate: created, mfaAuthenticated: mfa ? 'true' : 'false' });

  const iamUser = (name: string, client: Principal['client'], consoleMfa?: boolean): Principal => {
    const principalId = id('AIDA', name);
    const longKey = 'AKIA' + derivedRng(seed, `akia:${name}`).chars(16, UPPER_ALNUM);
    const arn = `arn:aws:iam::${acct}:user/${name}`;
    return {
      key: name, type: 'IAMUser', arn, client,
      identity: (t) => {
        const base = { type: 'IAMUser', principalId, arn, accountId: acct };
        if (consoleMfa === undefined) return { ...base, accessKeyId: longKey, userName: name };
        const s = session(name, t, 12 * 3600);
        return { ...base, accessKeyId: s.key, userName: name, sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: attrs(s.created, consoleMfa) } };
      },
    };
  };

  interface RoleOpts { path?: string; mfa?: boolean; sourceIdentity?: string; invokedBy?: string; webId?: string; period?: number }
  const role = (roleName: string, sessionName: string, client: Principal['client'], o: RoleOpts = {}): Principal => {
    const roleId = id('AROA', roleName);
    const arn = `arn:aws:sts::${acct}:assumed-role/${roleName}/${sessionName}`;
    const key = `${roleName}/${sessionName}`;
    return {
      key, type: 'AssumedRole', arn, client,
      identity: (t) => {
        const s = session(key, t, o.period ?? 3600);
        const sessionContext: Record<string, unknown> = {
          sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${acct}:role/${o.path ?? ''}${roleName}`, accountId: acct, userName: roleName },
          webIdFederationData: o.webId ? { federatedProvider: `arn:aws:iam::${acct}:oidc-provider/${o.webId}`, attributes: {} } : {},
          attributes: attrs(s.created, o.mfa ?? false),
        };
        if (o.sourceIdentity) sessionContext.sourceIdentity = o.sourceIdentity;
        const ident: Record<string, unknown> = { type: 'AssumedRole', principalId: `${roleId}:${sessionName}`, arn, accountId: acct, accessKeyId: s.key, sessionContext };
        if (o.invokedBy) ident.invokedBy = o.invokedBy;
        return ident;
      },
    };
  };

  const service = (name: string): Principal => ({
    key: name, type: 'AWSService', arn: name,
    identity: () => ({ type: 'AWSService', invokedBy: name }),
    client: () => serviceClient(name),
  });

  const ssoRole = 'AWSReservedSSO_MediaEngineer_0123456789abcdef';
  const ssoPath = 'aws-reserved/sso.amazonaws.com/';
  const brokerId = id('AIDA', 'federation-broker');

  return {
    deployBot: iamUser('deploy-bot', (rng, c) =>
      rng.chance(0.85) ? cliClient(rng.chance(0.7) ? '198.51.100.200' : '2001:db8:100::c1', UA.terraform(c)) : cliClient('198.51.100.200', UA.cli(c, 'linux#6.8.0-1017-aws'))),
    legacyEncoder: iamUser('legacy-encoder', () => ({ ip: '203.0.113.45', ua: UA.legacy(), console: false, tls: 'v12' })),
    grace: iamUser('grace', (rng) => consoleClient(rng, '203.0.113.88', UA.firefox), true),
    alice: role('MediaOpsAdmin', 'ops-alice', (rng, c) =>
      rng.chance(0.6) ? consoleClient(rng, rng.chance(0.5) ? '2001:db8:4a2f:1::1a' : '203.0.113.24', UA.chrome) : cliClient('203.0.113.24', UA.cli(c, 'macos#23.6.0', 'arm64')),
      { mfa: true, sourceIdentity: 'alice' }),
    bob: role('MediaOpsAdmin', 'ops-bob', (rng, c) => cliClient('198.51.100.77', rng.chance(0.7) ? UA.cli(c, 'linux#6.5.0-45-generic') : UA.boto3()), { mfa: true, sourceIdentity: 'bob' }),
    frank: role('MediaOpsReadOnly', 'ops-frank', (rng) => consoleClient(rng, '203.0.113.102', UA.edge), { mfa: false }),
    monitor: role('packtrail-health-check-role', 'media-health-check', (_rng, c) => cliClient('198.51.100.201', UA.sdkJs(c)), { period: 6 * 3600 }),
    cfnRole: role('MediaStackCfnRole', 'AWSCloudFormation', () => serviceClient('cloudformation.amazonaws.com'), { invokedBy: 'cloudformation.amazonaws.com' }),
    github: role('GitHubActionsDeploy', 'GitHubActions', (rng, c) => cliClient(`192.0.2.${rng.int(10, 90)}`, UA.cli(c, 'linux#6.5.0-1025-azure')),
      { webId: 'token.actions.githubusercontent.com' }),
    carol: role(ssoRole, 'carol@example.com', (rng) => consoleClient(rng, '2001:db8:85a3::8a2e:370:7334', UA.chrome), { path: ssoPath, period: 8 * 3600 }),
    dave: role(ssoRole, 'dave@example.com', (rng, c) => cliClient(rng.chance(0.5) ? '203.0.113.61' : '2001:db8:c0:ffee::61', UA.cli(c, 'linux#6.8.0-49-generic')),
      { path: ssoPath, period: 8 * 3600 }),
    root: {
      key: 'root', type: 'Root', arn: `arn:aws:iam::${acct}:root`,
      identity: (t) => {
        const s = session('root', t, 3600);
        return { type: 'Root', principalId: acct, arn: `arn:aws:iam::${acct}:root`, accountId: acct, accessKeyId: s.key,
          sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: attrs(s.created, true) } };
      },
      client: (rng) => consoleClient(rng, '203.0.113.5', UA.chrome),
    },
    eve: {
      key: 'eve', type: 'FederatedUser', arn: `arn:aws:sts::${acct}:federated-user/eve`,
      identity: (t) => {
        const s = session('eve', t, 12 * 3600);
        return { type: 'FederatedUser', principalId: `${acct}:eve`, arn: `arn:aws:sts::${acct}:federated-user/eve`, accountId: acct, accessKeyId: s.key,
          sessionContext: {
            sessionIssuer: { type: 'IAMUser', principalId: brokerId, arn: `arn:aws:iam::${acct}:user/federation-broker`, accountId: acct, userName: 'federation-broker' },
            webIdFederationData: {}, attributes: attrs(s.created, false),
          } };
      },
      client: () => cliClient('198.51.100.140', UA.boto3()),
    },
    mpService: service('mediapackage.amazonaws.com'),
    cfnService: service('cloudformation.amazonaws.com'),
    icUser: {
      key: '94482488-3041-7026-18f3-be45837cd0e4', type: 'IdentityCenterUser', arn: `arn:aws:identitystore::${acct}:user/94482488-3041-7026-18f3-be45837cd0e4`,
      identity: (t) => ({
        type: 'IdentityCenterUser', accountId: acct,
        onBehalfOf: { userId: '94482488-3041-7026-18f3-be45837cd0e4', identityStoreArn: `arn:aws:identitystore::${acct}:identitystore/d-1234567890` },
        credentialId: derivedRng(seed, `cred:${Math.floor(t / 28800)}`).chars(60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'),
      }),
      client: (rng) => consoleClient(rng, '203.0.113.130', UA.chrome),
    },
  };
}
