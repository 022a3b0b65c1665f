import { describe, expect, it } from 'vitest';
import { isAdmin, parseAdmins } from './admins';

describe('PACKTRAIL_ADMINS', () => {
  it('makes every signed-in user an admin while it names nobody', () => {
    expect(isAdmin({ name: 'anyone' }, parseAdmins({}))).toBe(true);
    expect(isAdmin({ name: 'anyone' }, parseAdmins({ PACKTRAIL_ADMINS: ' , ' }))).toBe(true);
    expect(isAdmin(null, parseAdmins({}))).toBe(false);
  });

  it('names admins by user name or e-mail, without regard to case or spaces', () => {
    const admins = parseAdmins({ PACKTRAIL_ADMINS: 'alice, Ops@Example.com' });
    expect(isAdmin({ name: 'Alice' }, admins)).toBe(true);
    expect(isAdmin({ name: 'Ops Team', email: 'ops@example.com' }, admins)).toBe(true);
    expect(isAdmin({ name: 'bob', email: 'bob@example.com' }, admins)).toBe(false);
    expect(isAdmin({ name: null, email: null }, admins)).toBe(false);
  });
});
