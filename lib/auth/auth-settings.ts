import { isLoopbackHost } from './auth-switch';
import { readUsers } from './local-users';

// Which sign-in methods are on, from the environment, with the safe defaults the product promises.

export class AuthConfigError extends Error {}

export interface AuthSettings {
  /** False only for PACKTRAIL_AUTH=off on a loopback listener. */
  enabled: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  github: { clientId: string; clientSecret: string } | null;
  /** For external providers: exact addresses and `@domain` entries; `*` admits anyone the provider admits. */
  allowList: { any: boolean; emails: string[]; domains: string[] };
  localAccounts: boolean;
  demoViewer: boolean;
}

function parseAllowList(value: string | undefined): AuthSettings['allowList'] {
  const items = (value ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return {
    any: items.includes('*'),
    emails: items.filter((i) => i !== '*' && !i.startsWith('@')),
    domains: items.filter((i) => i.startsWith('@')).map((d) => d.slice(1)),
  };
}

export function emailAllowed(email: string | null | undefined, list: AuthSettings['allowList']): boolean {
  if (list.any) return true;
  const address = email?.trim().toLowerCase();
  if (!address || !address.includes('@')) return false;
  return list.emails.includes(address) || list.domains.includes(address.slice(address.lastIndexOf('@') + 1));
}

const HOW_TO = `Configure at least one way to sign in:
  • local accounts:  npm run user -- add <name>   (prompts for a password)
  • OpenID Connect:  PACKTRAIL_OIDC_ISSUER, PACKTRAIL_OIDC_CLIENT_ID, PACKTRAIL_OIDC_CLIENT_SECRET (Okta, Entra ID, Google, Cognito…)
  • GitHub:          PACKTRAIL_GITHUB_CLIENT_ID, PACKTRAIL_GITHUB_CLIENT_SECRET
  with PACKTRAIL_ALLOWED_EMAILS=alice@example.com,@example.com for the external providers.`;

export function readAuthSettings(env: Record<string, string | undefined>, context: { mode: 'aws' | 'demo'; dataDir: string }): AuthSettings {
  const switchValue = (env.PACKTRAIL_AUTH ?? 'on').trim().toLowerCase();
  if (!['on', 'off'].includes(switchValue)) throw new AuthConfigError(`PACKTRAIL_AUTH="${env.PACKTRAIL_AUTH}" must be on or off`);
  const allowList = parseAllowList(env.PACKTRAIL_ALLOWED_EMAILS);
  const oidc = env.PACKTRAIL_OIDC_ISSUER
    ? {
        issuer: env.PACKTRAIL_OIDC_ISSUER.replace(/\/+$/, ''),
        clientId: env.PACKTRAIL_OIDC_CLIENT_ID ?? '',
        clientSecret: env.PACKTRAIL_OIDC_CLIENT_SECRET ?? '',
        name: env.PACKTRAIL_OIDC_NAME?.trim() || 'Single sign-on',
      }
    : null;
  if (oidc && (!oidc.clientId || !oidc.clientSecret)) throw new AuthConfigError('PACKTRAIL_OIDC_ISSUER is set: PACKTRAIL_OIDC_CLIENT_ID and PACKTRAIL_OIDC_CLIENT_SECRET are needed too');
  const github = env.PACKTRAIL_GITHUB_CLIENT_ID ? { clientId: env.PACKTRAIL_GITHUB_CLIENT_ID, clientSecret: env.PACKTRAIL_GITHUB_CLIENT_SECRET ?? '' } : null;
  if (github && !github.clientSecret) throw new AuthConfigError('PACKTRAIL_GITHUB_CLIENT_ID is set: PACKTRAIL_GITHUB_CLIENT_SECRET is needed too');
  if ((oidc || github) && !allowList.any && !allowList.emails.length && !allowList.domains.length) {
    throw new AuthConfigError('An external sign-in provider is configured without PACKTRAIL_ALLOWED_EMAILS: list the addresses or @domains that may sign in (or * to admit everyone the provider admits).');
  }
  const settings: AuthSettings = {
    enabled: true,
    oidc,
    github,
    allowList,
    localAccounts: readUsers(context.dataDir).length > 0,
    demoViewer: context.mode === 'demo',
  };
  if (switchValue === 'off') {
    if (!isLoopbackHost(env.HOSTNAME)) {
      throw new AuthConfigError(`PACKTRAIL_AUTH=off is accepted only when the server listens on loopback, not on HOSTNAME=${env.HOSTNAME}. Audit history is sensitive: configure sign-in instead.\n${HOW_TO}`);
    }
    return { ...settings, enabled: false };
  }
  if (context.mode === 'aws' && !settings.oidc && !settings.github && !settings.localAccounts) {
    throw new AuthConfigError(`Packtrail reads real AWS data but no way to sign in is configured, so it will not start.\n${HOW_TO}`);
  }
  return settings;
}
