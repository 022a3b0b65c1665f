'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';

interface Props {
  callbackUrl: string;
  providers: { oidc: string | null; github: boolean; local: boolean; demo: boolean };
}

export function SignInForm({ callbackUrl, providers }: Props) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function submitLocal(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setFailed(false);
    const result = await signIn('local', { username: form.get('username'), password: form.get('password'), callbackUrl, redirect: false });
    setBusy(false);
    if (result?.ok && !result.error) window.location.assign(callbackUrl);
    else setFailed(true);
  }

  return (
    <div className="signin-methods">
      {providers.demo && (
        <button type="button" className="primary" disabled={busy} onClick={() => signIn('demo', { callbackUrl })}>
          Continue as demo viewer
        </button>
      )}
      {providers.oidc && (
        <button type="button" disabled={busy} onClick={() => signIn('oidc', { callbackUrl })}>
          Sign in with {providers.oidc}
        </button>
      )}
      {providers.github && (
        <button type="button" disabled={busy} onClick={() => signIn('github', { callbackUrl })}>
          Sign in with GitHub
        </button>
      )}
      {providers.local && (
        <form onSubmit={submitLocal} aria-label="Local account">
          <label>
            Username
            <input name="username" autoComplete="username" required />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          {failed && (
            <p className="error" role="alert">
              That user name and password do not match, or there were too many attempts; wait and try again.
            </p>
          )}
        </form>
      )}
    </div>
  );
}
