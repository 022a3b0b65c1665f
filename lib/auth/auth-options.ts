import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import { emailAllowed, type AuthSettings } from './auth-settings';
import { safeCallbackPath } from './callback-url';
import { checkCredentials, readUsers } from './local-users';
import { loginBlocked, recordLoginFailure } from './login-throttle';

const SESSION_HOURS = 12;

function clientKey(req: { headers?: Record<string, unknown> } | undefined): string {
  const forwarded = req?.headers?.['x-forwarded-for'];
  return `ip:${typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : 'local'}`;
}

/** next-auth options for the configured providers; built per request so a newly added local user can sign in at once. */
export function buildAuthOptions(settings: AuthSettings, dataDir: string): NextAuthOptions {
  const providers: NextAuthOptions['providers'] = [];
  if (settings.oidc) {
    const { issuer, clientId, clientSecret, name } = settings.oidc;
    providers.push({
      id: 'oidc',
      name,
      type: 'oauth',
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      clientId,
      clientSecret,
      profile: (p: { sub: string; name?: string; preferred_username?: string; email?: string }) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? p.email ?? p.sub, email: p.email ?? null }),
    });
  }
  if (settings.github) providers.push(GitHubProvider({ clientId: settings.github.clientId, clientSecret: settings.github.clientSecret }));
  if (settings.localAccounts || readUsers(dataDir).length > 0) {
    providers.push(
      CredentialsProvider({
        id: 'local',
        name: 'Local account',
        credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const username = credentials?.username?.trim() ?? '';
          const password = credentials?.password ?? '';
          const keys = [`user:${username}`, clientKey(req)];
          if (!username || !password || loginBlocked(keys)) return null;
          if (await checkCredentials(dataDir, username, password)) return { id: `local:${username}`, name: username };
          recordLoginFailure(keys);
          return null;
        },
      }),
    );
  }
  if (settings.demoViewer) {
    providers.push(
      CredentialsProvider({ id: 'demo', name: 'Demo viewer', credentials: {}, authorize: async () => ({ id: 'demo-viewer', name: 'Demo viewer' }) }),
    );
  }
  return {
    providers,
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider === 'local' || account?.provider === 'demo') return true;
        return emailAllowed(user.email, settings.allowList);
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    logger: {
      // next-auth's default logger can print provider responses; keep to the message.
      error: (code, meta) => console.error(`auth error ${code}${meta instanceof Error ? `: ${meta.message}` : ''}`),
      warn: (code) => console.warn(`auth warning ${code}`),
      debug: () => {},
    },
  };
}
