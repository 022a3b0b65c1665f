// PACKTRAIL_ADMINS: the user names or e-mail addresses who may start syncs and manage watches;
// everyone else signed in is a viewer. While it names nobody, every signed-in user is an admin
// (a single-user install needs no setup).

export type Admins = ReadonlySet<string> | null;

export function parseAdmins(env: Record<string, string | undefined> = process.env): Admins {
  const names = (env.PACKTRAIL_ADMINS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return names.length ? new Set(names) : null;
}

export function isAdmin(user: { name?: string | null; email?: string | null } | null | undefined, admins: Admins): boolean {
  if (!user) return false;
  if (!admins) return true;
  return [user.name, user.email].some((v) => typeof v === 'string' && admins.has(v.trim().toLowerCase()));
}
