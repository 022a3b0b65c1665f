import { SSO_ROLE_PREFIX } from '../principal';
import type { EventSummary } from '../types';
import { serviceName } from './services';
import { arnTail, capitalize, clean, cleanField, field, isArnLike } from './text';

// Identity Center appends `_` and 16 hex digits to the permission set's name.
const SSO_SUFFIX = /_[0-9a-f]{8,}$/i;

function identity(record: unknown): unknown {
  return field(record, 'userIdentity');
}

function mfa(record: unknown): boolean {
  const v = field(field(field(identity(record), 'sessionContext'), 'attributes'), 'mfaAuthenticated');
  return v === 'true' || v === true;
}

/** The role of an assumed-role session: the session issuer, else the ARN's `assumed-role/ROLE/…`. */
function roleOf(summary: EventSummary, record: unknown): string {
  const issuer = cleanField(field(field(identity(record), 'sessionContext'), 'sessionIssuer'), 'userName');
  if (issuer) return issuer;
  const arn = typeof summary.principalArn === 'string' ? summary.principalArn : '';
  const at = arn.indexOf(':assumed-role/');
  if (at < 0) return '';
  const rest = arn.slice(at + ':assumed-role/'.length);
  const slash = rest.indexOf('/');
  return clean(slash >= 0 ? rest.slice(0, slash) : rest);
}

function permissionSet(role: string): string {
  const name = role.startsWith(SSO_ROLE_PREFIX) ? role.slice(SSO_ROLE_PREFIX.length) : role;
  return name.replace(SSO_SUFFIX, '');
}

function withNotes(name: string, notes: string[]): string {
  return notes.length > 0 ? `${name} (${notes.join(', ')})` : name;
}

/** A readable name that is never an ARN: an ARN-shaped value shows only its last segment. */
function readable(value: unknown): string {
  const text = clean(value);
  return isArnLike(text) ? clean(arnTail(text)) : text;
}

function accountOf(summary: EventSummary, record: unknown): string {
  return clean(summary.accountId) || cleanField(identity(record), 'accountId');
}

/**
 * Who made the call, as a person would name them: "ops-alice (MediaOpsAdmin role, MFA)",
 * "alice@example.com (SSO, MediaOpsAdmin permission set)", "The root user of account 111122223333".
 * Starts with a capital only where the words are ours, not a name from the record.
 */
export function actorPhrase(summary: EventSummary, record: unknown): string {
  const principal = typeof summary.principal === 'string' ? summary.principal : '';
  const ui = identity(record);
  const mfaNote = mfa(record) ? ['MFA'] : [];
  switch (summary.principalType) {
    case 'IAMUser': {
      const name = readable(principal);
      return name ? withNotes(name, mfaNote) : 'An IAM user';
    }
    case 'SSOUser': {
      const person = readable(principal) || 'An Identity Center user';
      const set = clean(permissionSet(roleOf(summary, record)));
      return withNotes(person, ['SSO', ...(set ? [`${set} permission set`] : []), ...mfaNote]);
    }
    case 'AssumedRole': {
      // The principal is `ROLE/SESSION` (neither may contain a slash) or `ROLE` without a session.
      const role = roleOf(summary, record) || clean(principal.split('/', 1)[0]);
      const slash = principal.indexOf('/');
      const session = slash >= 0 ? readable(principal.slice(slash + 1)) : '';
      if (session) return withNotes(session, [...(role ? [`${role} role`] : []), ...mfaNote]);
      return withNotes(role ? `A session of the ${role} role` : 'A role session', mfaNote);
    }
    case 'Root': {
      const account = accountOf(summary, record);
      return withNotes(account ? `The root user of account ${account}` : 'The root user', mfaNote);
    }
    case 'AWSService':
      return capitalize(serviceName(principal));
    case 'IdentityCenterUser': {
      const user = readable(principal);
      return user ? `Identity Center user ${user}` : 'An Identity Center user';
    }
    case 'FederatedUser': {
      const name = readable(principal) || 'A federated user';
      const by = cleanField(field(field(ui, 'sessionContext'), 'sessionIssuer'), 'userName');
      return withNotes(name, [by ? `federated user of ${by}` : 'federated user', ...mfaNote]);
    }
    case 'AWSAccount': {
      const account = clean(principal.startsWith('account/') ? principal.slice('account/'.length) : principal) || accountOf(summary, record);
      return account ? `Account ${account}` : 'Another AWS account';
    }
    case 'WebIdentityUser': {
      const name = readable(principal) || 'A web identity user';
      const idp = readable(field(ui, 'identityProvider'));
      return withNotes(name, [idp ? `web identity from ${idp}` : 'web identity']);
    }
    case 'SAMLUser': {
      const name = readable(principal) || 'A SAML user';
      // identityProvider is the provider's ARN (…:saml-provider/Okta): the name is its last segment.
      const idp = readable(field(ui, 'identityProvider'));
      return withNotes(name, [idp ? `SAML through ${idp}` : 'SAML']);
    }
    default: {
      const name = principal === 'unknown' ? '' : readable(principal);
      const fromRecord = name || readable(field(ui, 'userName')) || readable(field(ui, 'principalId'));
      if (fromRecord) return fromRecord;
      const account = accountOf(summary, record);
      return account ? `An unknown caller from account ${account}` : 'An unknown caller';
    }
  }
}
