// Every staff role × user-administration action, expected values written from the documented rules:
// huvudman and the system administrator administer; only the system administrator grants admin roles.
import { describe, expect, it } from 'vitest';
import { allowsAnywhere } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { assertMayChangeAccount, assertMayGrant, type UserAction, usersPolicy } from './users.policy.js';

//                 teacher mentor principal studentHealth organiserAdmin systemAdmin
const expected: Record<UserAction, boolean[]> = {
  administer: [false, false, false, false, true, true],
  grantAdminRole: [false, false, false, false, false, true],
  setGuardianPassword: [false, false, false, false, false, true],
};

describe('users policy', () => {
  it.each(
    Object.entries(expected).flatMap(([action, row]) => STAFF_ROLES.map((role, i) => [role, action, row[i]] as const)),
  )('%s may %s: %s', (role, action, allowed) => {
    expect(allowsAnywhere(usersPolicy, actorWith(role), action as UserAction)).toBe(allowed);
  });

  it('never grants a region here; admin roles only by the system administrator', () => {
    expect(() => assertMayGrant(actorWith('systemAdmin'), 'region')).toThrow(/kommandoraden/);
    expect(() => assertMayGrant(actorWith('organiserAdmin'), 'organiserAdmin')).toThrow(/systemadministratören/);
    expect(() => assertMayGrant(actorWith('organiserAdmin'), 'principal')).not.toThrow();
    expect(() => assertMayGrant(actorWith('systemAdmin'), 'organiserAdmin')).not.toThrow();
  });

  it("changes an administrator's account only by the system administrator", () => {
    const admin = { roles: [{ role: 'systemAdmin' as const }] };
    const huvudman = { roles: [{ role: 'principal' as const }, { role: 'organiserAdmin' as const }] };
    const teacher = { roles: [{ role: 'teacher' as const }] };
    expect(() => assertMayChangeAccount(actorWith('organiserAdmin'), admin)).toThrow(/systemadministratören/);
    expect(() => assertMayChangeAccount(actorWith('organiserAdmin'), huvudman)).toThrow(/systemadministratören/);
    expect(() => assertMayChangeAccount(actorWith('organiserAdmin'), teacher)).not.toThrow();
    expect(() => assertMayChangeAccount(actorWith('systemAdmin'), admin)).not.toThrow();
    expect(() => assertMayChangeAccount(actorWith('systemAdmin'), huvudman)).not.toThrow();
  });
});
