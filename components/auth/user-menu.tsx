'use client';

import { signOut } from 'next-auth/react';

/** Who is signed in, and a way out. The name comes from the session, never from CloudTrail data. */
export function UserMenu({ name, canSignOut }: { name: string; canSignOut: boolean }) {
  return (
    <div className="user-menu">
      <span className="user-name" title="Signed in">
        {name}
      </span>
      {canSignOut && (
        <button type="button" className="link-button" onClick={() => signOut({ callbackUrl: '/signin' })}>
          Sign out
        </button>
      )}
    </div>
  );
}
