import type { PrincipalType } from './types';

export interface Principal {
  /** The `user` filter value: readable, and the same for every event by the same actor. */
  principal: string;
  principalType: PrincipalType;
  principalArn: string | null;
}

/** IAM Identity Center permission sets surface as roles with this prefix; the session name is the person. */
export const SSO_ROLE_PREFIX = 'AWSReservedSSO_';

type Obj = Record<string, unknown>;

function asObject(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

// Role and session names cannot contain `/`; the role path is not part of an assumed-role ARN.
const ASSUMED_ROLE_ARN = /^arn:[^:]+:sts::[^:]*:assumed-role\/([^/]+)(?:\/(.+))?$/;
const FEDERATED_USER_ARN = /^arn:[^:]+:sts::[^:]*:federated-user\/(.+)$/;
// IAM user ARNs may carry a path (`user/division/ops/deploy-bot`); the name is the last segment.
const IAM_USER_ARN = /^arn:[^:]+:iam::[^:]*:user\/(?:.*\/)?([^/]+)$/;

function lastSegment(text: string, sep: string): string {
  const i = text.lastIndexOf(sep);
  return i >= 0 ? text.slice(i + sep.length) : text;
}

function fallback(arn: string | null, username: string | undefined): Principal {
  return { principal: asString(username) ?? 'unknown', principalType: 'Unknown', principalArn: arn };
}

function assumedRole(ui: Obj, arn: string | undefined): { role?: string; session?: string } {
  const issuer = asObject(asObject(ui.sessionContext)?.sessionIssuer);
  const m = arn ? ASSUMED_ROLE_ARN.exec(arn) : null;
  const role = asString(issuer?.userName) ?? (m ? m[1] : undefined);
  let session = m?.[2] ? lastSegment(m[2], '/') : undefined;
  // principalId is `AROA…:session` when the ARN is absent (seen in some service-generated records).
  if (!session) {
    const pid = asString(ui.principalId);
    if (pid && pid.includes(':')) session = asString(pid.slice(pid.indexOf(':') + 1));
  }
  return { role, session };
}

/**
 * The readable principal of a CloudTrail `userIdentity`. Never throws: an unknown or damaged shape
 * yields type `Unknown` keyed by `fallbackUsername` (LookupEvents' `Username`) or `unknown`.
 */
export function principalOf(userIdentity: unknown, fallbackUsername?: string): Principal {
  try {
    return read(userIdentity, fallbackUsername);
  } catch {
    // Only exotic inputs (throwing getters, proxies) get here; JSON.parse output never does.
    return fallback(null, fallbackUsername);
  }
}

function read(userIdentity: unknown, fallbackUsername: string | undefined): Principal {
  const ui = asObject(userIdentity);
  if (!ui) return fallback(null, fallbackUsername);
  const arn = asString(ui.arn);
  const arnOrNull = arn ?? null;
  const type = ui.type;

  switch (type) {
    case 'IAMUser': {
      const m = arn ? IAM_USER_ARN.exec(arn) : null;
      const name = asString(ui.userName) ?? (m ? m[1] : undefined);
      return name ? { principal: name, principalType: 'IAMUser', principalArn: arnOrNull } : fallback(arnOrNull, fallbackUsername);
    }
    case 'AssumedRole': {
      const { role, session } = assumedRole(ui, arn);
      if (!role) return fallback(arnOrNull, fallbackUsername);
      if (role.startsWith(SSO_ROLE_PREFIX) && session) {
        return { principal: session, principalType: 'SSOUser', principalArn: arnOrNull };
      }
      return { principal: session ? `${role}/${session}` : role, principalType: 'AssumedRole', principalArn: arnOrNull };
    }
    case 'Root':
      return { principal: 'root', principalType: 'Root', principalArn: arnOrNull };
    case 'AWSService': {
      const service = asString(ui.invokedBy);
      // The service, not any ARN, is the actor; an ARN here would be a role it used on our behalf.
      return service ? { principal: service, principalType: 'AWSService', principalArn: null } : fallback(null, fallbackUsername);
    }
    case 'IdentityCenterUser': {
      const userId = asString(asObject(ui.onBehalfOf)?.userId);
      return userId
        ? { principal: userId, principalType: 'IdentityCenterUser', principalArn: arnOrNull }
        : fallback(arnOrNull, fallbackUsername);
    }
    case 'FederatedUser': {
      const m = arn ? FEDERATED_USER_ARN.exec(arn) : null;
      const pid = asString(ui.principalId);
      // principalId is `ACCOUNT:NAME` for GetFederationToken sessions.
      const name = (m ? m[1] : undefined) ?? (pid && pid.includes(':') ? asString(pid.slice(pid.indexOf(':') + 1)) : undefined);
      return name ? { principal: name, principalType: 'FederatedUser', principalArn: arnOrNull } : fallback(arnOrNull, fallbackUsername);
    }
    case 'AWSAccount': {
      const account = asString(ui.accountId);
      return account
        ? { principal: `account/${account}`, principalType: 'AWSAccount', principalArn: arnOrNull }
        : fallback(arnOrNull, fallbackUsername);
    }
    case 'WebIdentityUser':
    case 'SAMLUser': {
      const name = asString(ui.userName) ?? asString(ui.principalId);
      return name ? { principal: name, principalType: type, principalArn: arnOrNull } : fallback(arnOrNull, fallbackUsername);
    }
    default:
      return fallback(arnOrNull, fallbackUsername);
  }
}
