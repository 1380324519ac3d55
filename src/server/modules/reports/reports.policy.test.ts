// Every staff role × school unit for the completeness report, expected values written from the documented
// rule (rektor, elevhälsa and huvudman; a school unit only where the role is held).
import { describe, expect, it } from 'vitest';
import { allows } from '../../policies/table.js';
import { actorWith, STAFF_ROLES, UNIT_A, UNIT_B } from '../../policies/test-actors.js';
import { completenessUnits, reportsPolicy } from './reports.policy.js';

//                  teacher mentor principal studentHealth organiserAdmin systemAdmin
const atUnitA = [false, false, true, true, true, false];
const atUnitB = [false, false, false, false, true, false];

describe('reports policy', () => {
  it.each(STAFF_ROLES.map((role, i) => [role, atUnitA[i], atUnitB[i]] as const))(
    '%s reads completeness at its unit: %s, at another: %s',
    (role, a, b) => {
      expect(allows(reportsPolicy, actorWith(role), 'readCompleteness', { schoolUnitId: UNIT_A })).toBe(a);
      expect(allows(reportsPolicy, actorWith(role), 'readCompleteness', { schoolUnitId: UNIT_B })).toBe(b);
    },
  );

  it('covers the actor’s units, or the one asked for; refuses others with 403', () => {
    expect(completenessUnits(actorWith('principal'))).toEqual([UNIT_A]);
    expect(completenessUnits(actorWith('organiserAdmin'))).toBe('all');
    expect(completenessUnits(actorWith('organiserAdmin'), UNIT_B)).toEqual([UNIT_B]);
    expect(() => completenessUnits(actorWith('principal'), UNIT_B)).toThrow();
    expect(() => completenessUnits(actorWith('teacher'))).toThrow(/rektor, elevhälsa och huvudman/);
  });
});
