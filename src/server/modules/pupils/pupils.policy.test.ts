/** Every persona × relation × action of the pupil policy, expected from the rules in pupils.policy.ts's header. */
import { describe, expect, it } from 'vitest';
import { PERSONAS, type Persona, UNIT } from '../../test/policy-actors.js';
import { canOnPupil } from './pupils.policy.js';

/** Whether each persona reads a pupil of unit `A`: without a relation, and as the pupil's mentor. */
const EXPECTED: Record<Persona, { alone: boolean; asMentor: boolean }> = {
  teacher: { alone: false, asMentor: true },
  mentor: { alone: false, asMentor: true },
  studentHealth: { alone: true, asMentor: true },
  principal: { alone: true, asMentor: true },
  otherPrincipal: { alone: false, asMentor: true },
  organiserAdmin: { alone: false, asMentor: true },
  systemAdmin: { alone: false, asMentor: true },
  region: { alone: false, asMentor: true },
};

describe('pupil policy', () => {
  it.each(Object.keys(PERSONAS) as Persona[])('%s reads a pupil by role at the unit or as mentor', (persona) => {
    expect(canOnPupil(PERSONAS[persona], 'read', UNIT, false)).toBe(EXPECTED[persona].alone);
    expect(canOnPupil(PERSONAS[persona], 'read', UNIT, true)).toBe(EXPECTED[persona].asMentor);
  });

  it('a pupil without a school unit is read by its mentor only', () => {
    expect(canOnPupil(PERSONAS.principal, 'read', null, false)).toBe(false);
    expect(canOnPupil(PERSONAS.mentor, 'read', null, true)).toBe(true);
  });
});
