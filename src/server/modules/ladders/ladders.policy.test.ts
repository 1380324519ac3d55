/** Every persona × subject × action of the ladder policy, expected from the rules in ladders.policy.ts's header. */
import { describe, expect, it } from 'vitest';
import { expectAllowed, PERSONAS, type Persona, UNIT } from '../../test/policy-actors.js';
import { canCloseStep, canOnLadder, LADDER_POLICY, type LadderAction, pupilLadderAbilities } from './ladders.policy.js';

const ACTIONS = Object.keys(LADDER_POLICY) as LadderAction[];

/** Allowed actions on a ladder of school unit `A`, and on the organiser's own ladder (and its overview). */
const EXPECTED: Record<Persona, { school: LadderAction[]; organiser: LadderAction[] }> = {
  teacher: { school: [], organiser: [] },
  mentor: { school: [], organiser: [] },
  studentHealth: { school: ['read', 'evaluate', 'closeStep'], organiser: ['read'] },
  principal: { school: ['read', 'manage', 'evaluate', 'closeStep'], organiser: ['read'] },
  otherPrincipal: { school: [], organiser: ['read'] },
  organiserAdmin: {
    school: ['read', 'manage', 'evaluate', 'oversee'],
    organiser: ['read', 'manage', 'evaluate', 'oversee'],
  },
  systemAdmin: { school: ['read'], organiser: ['read'] },
  region: { school: [], organiser: [] },
};

describe('ladder policy', () => {
  for (const persona of Object.keys(PERSONAS) as Persona[])
    for (const where of ['school', 'organiser'] as const)
      it(`${persona} on the ${where} ladder`, () =>
        expectAllowed(
          ACTIONS,
          (action) => canOnLadder(PERSONAS[persona], action, where === 'school' ? UNIT : null),
          EXPECTED[persona][where],
        ));

  it.each([
    ['principal', { school_unit_id: UNIT }, true],
    ['otherPrincipal', { school_unit_id: UNIT }, false],
    ['mentor', { school_unit_id: UNIT }, false],
    ['studentHealth', { school_unit_id: null }, false],
    // Without a state any rektor or elevhälsa may ask (and is told there is no step).
    ['otherPrincipal', undefined, true],
    ['mentor', undefined, false],
  ] as const)('closing a step: %s with state %j → %s', (persona, state, expected) => {
    expect(canCloseStep(PERSONAS[persona], state)).toBe(expected);
  });

  it('sends the pupil ladder page the abilities of the table', () => {
    expect(pupilLadderAbilities(PERSONAS.studentHealth, { school_unit_id: UNIT })).toEqual({
      canDecide: true,
      canCloseStep: true,
    });
    expect(pupilLadderAbilities(PERSONAS.mentor, { school_unit_id: UNIT })).toEqual({
      canDecide: true,
      canCloseStep: false,
    });
  });
});
