// Every role × relation × action for staff-registered absence, expected values written from the
// documented rule (absences.policy.ts): the relation to the pupil decides, not the role.
import { describe, expect, it } from 'vitest';
import { allows } from '../../policies/table.js';
import { actorWith, STAFF_ROLES, UNIT_A } from '../../policies/test-actors.js';
import { type AbsenceAction, absencesPolicy } from './absences.policy.js';

// [relation, register, withdraw], the same for every staff role
const expected: ['reader' | 'none', boolean, boolean][] = [
  ['reader', true, true],
  ['none', false, false],
];

describe('absences policy', () => {
  it.each(STAFF_ROLES.flatMap((role) => expected.map((row) => [role, ...row] as const)))(
    '%s with relation %s: register %s, withdraw %s',
    (role, relation, register, withdraw) => {
      const subject = { schoolUnitId: UNIT_A, relations: relation === 'reader' ? ['reader' as const] : [] };
      const may = (action: AbsenceAction) => allows(absencesPolicy, actorWith(role), action, subject);
      expect([may('register'), may('withdraw')]).toEqual([register, withdraw]);
    },
  );
});
