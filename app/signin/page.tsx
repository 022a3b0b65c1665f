import { safeCallbackPath } from '@/lib/auth/callback-url';
import { readUsers } from '@/lib/auth/local-users';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { SignInForm } from '@/components/auth/sign-in-form';

const ERRORS: Record<string, string> = {
  CredentialsSignin: 'That user name and password do not match, or there were too many attempts; wait and try again.',
  AccessDenied: 'This account is not on the list of people who may sign in to Packtrail.',
  OAuthSignin: 'The sign-in provider could not be reached.',
  OAuthCallback: 'The sign-in provider answered in a way Packtrail could not use.',
};

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const error = first(params.error);
  const { auth, config, mode } = await getRuntime();
  const providers = {
    oidc: auth.oidc ? auth.oidc.name : null,
    github: Boolean(auth.github),
    local: auth.localAccounts || readUsers(config.dataDir).length > 0,
    demo: mode === 'demo' && auth.demoViewer,
  };
  return (
    <section className="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in to Packtrail</h1>
      <p className="muted">Audit history is sensitive: who runs the live channels, from which addresses, with which keys.</p>
      {error && (
        <p className="error" role="alert">
          {ERRORS[error] ?? 'Sign-in failed; try again.'}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} providers={providers} />
    </section>
  );
}
