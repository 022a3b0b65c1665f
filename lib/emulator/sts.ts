import { randomBytes, randomUUID } from 'node:crypto';

// STS AssumeRole as the emulator answers it (the AWS Query protocol: a form-encoded POST, XML back),
// so the SDK's own fromTemporaryCredentials reaches it through AWS_ENDPOINT_URL_STS. It issues
// session credentials per account and remembers them, so LookupEvents can tell which account
// calls, and refuse a session that expired or was revoked.

export interface EmulatorAccount {
  /** 12 digits. */
  accountId: string;
  /** Roles that may be assumed, e.g. arn:aws:iam::111122223333:role/PacktrailReader. */
  roleArns: string[];
  /** When set, AssumeRole must pass exactly this ExternalId. */
  externalId?: string;
  /** AssumeRole of this account's roles is refused (AccessDenied), as a role without a trust policy for the caller. */
  denied?: boolean;
}

export interface Session {
  accountId: string;
  accessKeyId: string;
  sessionToken: string;
  expiresAt: number;
  revoked: boolean;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const alnum = (n: number) => randomBytes(n).toString('base64').replace(/[^A-Z0-9]/gi, '').toUpperCase().padEnd(n, 'X').slice(0, n);

export interface StsReply {
  status: number;
  body: string;
}

function errorReply(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): StsReply {
  return {
    status,
    body: `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

export function isStsRequest(contentType: string | undefined, target: string | undefined): boolean {
  return !target && /^application\/x-www-form-urlencoded/i.test(contentType ?? '');
}

export class StsEmulator {
  readonly sessions = new Map<string, Session>();
  private readonly accounts = new Map<string, EmulatorAccount>();

  constructor(
    accounts: EmulatorAccount[],
    private readonly baseAccountId: string,
    /** Overrides DurationSeconds (tests make credentials expire in seconds); null: as asked. */
    public sessionSeconds: number | null = null,
  ) {
    for (const a of accounts) this.accounts.set(a.accountId, { ...a });
  }

  get accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  setAccount(accountId: string, o: { denied?: boolean; externalId?: string | null }): void {
    const a = this.accounts.get(accountId);
    if (!a) throw new RangeError(`emulator: no account ${accountId}`);
    if (o.denied !== undefined) a.denied = o.denied;
    if (o.externalId !== undefined) a.externalId = o.externalId ?? undefined;
  }

  revoke(accountId: string): void {
    for (const s of this.sessions.values()) if (s.accountId === accountId) s.revoked = true;
  }

  handle(body: string, now: number): StsReply {
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    if (action !== 'AssumeRole') return errorReply(400, 'InvalidAction', `Could not find operation ${action ?? '(none)'} for version ${form.get('Version') ?? '(none)'}`);
    const roleArn = form.get('RoleArn') ?? '';
    const sessionName = form.get('RoleSessionName') ?? '';
    const duration = form.has('DurationSeconds') ? Number(form.get('DurationSeconds')) : 3600;
    const arn = ROLE_ARN.exec(roleArn);
    if (!arn) return errorReply(400, 'ValidationError', `${roleArn || 'RoleArn'} is invalid`);
    if (!SESSION_NAME.test(sessionName)) return errorReply(400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint`);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      return errorReply(400, 'ValidationError', `1 validation error detected: Value '${form.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
    }
    const account = this.accounts.get(arn[1]);
    const externalId = form.get('ExternalId');
    // STS says the same for a role that does not exist, a trust policy that does not admit the
    // caller, and a wrong or missing ExternalId.
    if (!account || account.denied || !account.roleArns.includes(roleArn) || (account.externalId !== undefined && externalId !== account.externalId)) {
      return errorReply(403, 'AccessDenied', `User: arn:aws:iam::${this.baseAccountId}:user/packtrail is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    }
    const session: Session = {
      accountId: account.accountId,
      accessKeyId: `ASIA${alnum(16)}`,
      sessionToken: randomBytes(48).toString('base64'),
      expiresAt: now + (this.sessionSeconds ?? duration) * 1000,
      revoked: false,
    };
    this.sessions.set(session.accessKeyId, session);
    const roleId = `AROA${alnum(17)}`;
    const expiration = new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      status: 200,
      body:
        `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult>` +
        `<AssumedRoleUser><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId><Arn>arn:aws:sts::${account.accountId}:assumed-role/${xmlEscape(arn[2])}/${xmlEscape(sessionName)}</Arn></AssumedRoleUser>` +
        `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${randomBytes(30).toString('base64')}</SecretAccessKey>` +
        `<SessionToken>${session.sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    };
  }
}
