// Every role × relation × action for the guardian portal and leave decisions, expected values written
// from the documented rules (guardians.policy.ts), not computed from the tables.
import { describe, expect, it } from 'vitest';
import { allows } from '../../policies/table.js';
import { actorWith, STAFF_ROLES, UNIT_A, UNIT_B } from '../../policies/test-actors.js';
import { type GuardianAction, guardianPolicy, type LeaveAction, leavePolicy } from './guardians.policy.js';

const GUARDIAN_ACTIONS: GuardianAction[] = ['readChild', 'reportAbsence', 'changeReport', 'requestLeave'];

describe('guardian policy', () => {
  it.each(GUARDIAN_ACTIONS)('a guardian may %s for a child in their custody, for no other', (action) => {
    const guardian = actorWith('teacher', 'guardian');
    expect(allows(guardianPolicy, guardian, action, { schoolUnitId: null, relations: ['custody'] })).toBe(true);
    expect(allows(guardianPolicy, guardian, action, { schoolUnitId: null, relations: [] })).toBe(false);
  });

  it.each(STAFF_ROLES.flatMap((role) => GUARDIAN_ACTIONS.map((action) => [role, action] as const)))(
    '%s may not %s in the portal',
    (role, action) => {
      expect(allows(guardianPolicy, actorWith(role), action, { schoolUnitId: UNIT_A, relations: [] })).toBe(false);
    },
  );
});

// [role, relation, unit of the pupil, decideAny, decideWithinMentorLimit]
const leaveCases: [(typeof STAFF_ROLES)[number], 'none' | 'mentor', 'A' | 'B', boolean, boolean][] = [
  ['teacher', 'none', 'A', false, false],
  ['teacher', 'mentor', 'A', false, true],
  ['mentor', 'none', 'A', false, false],
  ['mentor', 'mentor', 'A', false, true],
  ['mentor', 'mentor', 'B', false, true],
  ['principal', 'none', 'A', true, true],
  ['principal', 'none', 'B', false, false],
  ['principal', 'mentor', 'B', false, true],
  ['studentHealth', 'none', 'A', false, false],
  ['studentHealth', 'mentor', 'A', false, true],
  ['organiserAdmin', 'none', 'A', false, false],
  ['systemAdmin', 'none', 'A', false, false],
];

describe('leave policy', () => {
  it.each(leaveCases)(
    '%s (%s) at unit %s: decide any %s, within the mentor limit %s',
    (role, relation, unit, any, within) => {
      const subject = {
        schoolUnitId: unit === 'A' ? UNIT_A : UNIT_B,
        relations: relation === 'mentor' ? ['mentor' as const] : [],
      };
      const decide = (action: LeaveAction) => allows(leavePolicy, actorWith(role), action, subject);
      expect([decide('decideAny'), decide('decideWithinMentorLimit')]).toEqual([any, within]);
    },
  );

  it('an organiser-wide rektor decides any leave at every unit', () => {
    const wide = { ...actorWith('principal'), roles: [{ role: 'principal' as const, schoolUnitId: null }] };
    expect(allows(leavePolicy, wide, 'decideAny', { schoolUnitId: UNIT_B })).toBe(true);
  });
});
