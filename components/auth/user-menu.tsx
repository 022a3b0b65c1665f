/**
 * Who is signed in, and a way out. The name comes from the session, never from CloudTrail data.
 * Sign-out is next-auth's own page (a CSRF-protected form), so no client auth code ships on every page.
 */
export function UserMenu({ name, canSignOut }: { name: string; canSignOut: boolean }) {
  return (
    <div className="user-menu">
      <span className="user-name" title="Signed in">
        {name}
      </span>
      {canSignOut && (
        <a className="link-button" href="/api/auth/signout">
          Sign out
        </a>
      )}
    </div>
  );
}
