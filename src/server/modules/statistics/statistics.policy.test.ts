/** Every persona × subject × action of the statistics policy, expected from the rules in statistics.policy.ts's header. */
import { describe, expect, it } from 'vitest';
import { expectAllowed, PERSONAS, type Persona, UNIT } from '../../test/policy-actors.js';
import {
  canOnStatistics,
  pupilListUnit,
  STATISTICS_POLICY,
  schoolStatisticsUnits,
  type StatisticsAction,
} from './statistics.policy.js';

const ACTIONS = Object.keys(STATISTICS_POLICY) as StatisticsAction[];

/** Allowed actions on school unit `A`'s statistics, and on the organiser's (or region's) own. */
const EXPECTED: Record<Persona, { school: StatisticsAction[]; organiser: StatisticsAction[] }> = {
  teacher: { school: [], organiser: [] },
  mentor: { school: [], organiser: [] },
  studentHealth: { school: ['readSchool', 'listPupils'], organiser: [] },
  principal: { school: ['readSchool', 'listPupils'], organiser: [] },
  otherPrincipal: { school: [], organiser: [] },
  organiserAdmin: { school: ['readSchool', 'readOrganiser'], organiser: ['readSchool', 'readOrganiser'] },
  systemAdmin: { school: [], organiser: [] },
  region: { school: ['readRegion'], organiser: ['readRegion'] },
};

describe('statistics policy', () => {
  for (const persona of Object.keys(PERSONAS) as Persona[])
    for (const where of ['school', 'organiser'] as const)
      it(`${persona} on the ${where} statistics`, () =>
        expectAllowed(
          ACTIONS,
          (action) => canOnStatistics(PERSONAS[persona], action, where === 'school' ? UNIT : null),
          EXPECTED[persona][where],
        ));

  it.each([
    ['principal', 200],
    ['studentHealth', 200],
    // Rektor of another unit: the unit is not disclosed.
    ['otherPrincipal', 404],
    // Huvudman reads the unit's aggregates but never its pupils.
    ['organiserAdmin', 403],
    ['teacher', 403],
    ['region', 403],
  ] as const)('the pupils behind a figure at unit A: %s → %i', (persona, status) => {
    const run = () => pupilListUnit(PERSONAS[persona], UNIT);
    if (status === 200) expect(run()).toBe(UNIT);
    else expect(run).toThrow(expect.objectContaining({ status }));
  });

  it('scopes the school view to the actor’s units', () => {
    expect(schoolStatisticsUnits(PERSONAS.principal)).toEqual([UNIT]);
    expect(schoolStatisticsUnits(PERSONAS.organiserAdmin)).toBe('all');
    expect(() => schoolStatisticsUnits(PERSONAS.otherPrincipal, UNIT)).toThrow();
    expect(() => schoolStatisticsUnits(PERSONAS.teacher)).toThrow();
  });
});
