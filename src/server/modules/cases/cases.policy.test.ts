/** Every persona × relation × action of the case policy, expected from the rules in cases.policy.ts's header. */
import { describe, expect, it } from 'vitest';
import { expectAllowed, PERSONAS, type Persona, UNIT } from '../../test/policy-actors.js';
import {
  CASE_POLICY,
  type CaseAction,
  type CaseRelation,
  canOnOrganiserCases,
  caseAbilitiesFor,
} from './cases.policy.js';
import { allows } from '../../policies/table.js';

const ACTIONS = Object.keys(CASE_POLICY) as CaseAction[];

/** Allowed actions on a case at the persona's unit `A` with no relationship. */
const BY_ROLE: Record<Persona, CaseAction[]> = {
  teacher: [],
  mentor: [],
  studentHealth: ['read', 'work', 'seeContent', 'close', 'open', 'receiveHandover'],
  principal: ['read', 'work', 'seeContent', 'investigate', 'close', 'readAudit', 'open', 'receiveHandover'],
  otherPrincipal: [],
  organiserAdmin: ['read', 'readAudit'],
  systemAdmin: ['readAudit'],
  region: [],
};
/** What each relationship allows on its own, whatever the role. */
const BY_RELATION: Record<CaseRelation, CaseAction[]> = {
  member: ['read', 'work', 'seeContent'],
  mentor: ['open'],
};

describe('case policy', () => {
  const relations: (CaseRelation | null)[] = [null, 'member', 'mentor'];
  for (const persona of Object.keys(PERSONAS) as Persona[])
    for (const relation of relations)
      it(`${persona} with ${relation ?? 'no relation'}`, () => {
        const subject = { schoolUnitId: UNIT, relations: relation ? [relation] : [] };
        expectAllowed(ACTIONS, (action) => allows(CASE_POLICY, PERSONAS[persona], action, subject), [
          ...BY_ROLE[persona],
          ...(relation ? BY_RELATION[relation] : []),
        ]);
      });

  it('sends the abilities of the table for a case', () => {
    expect(caseAbilitiesFor(PERSONAS.organiserAdmin, { schoolUnitId: UNIT, isMember: false })).toMatchObject({
      read: true,
      work: false,
      seeContent: false,
    });
  });

  it.each([
    ['teacher', false, false],
    ['mentor', true, false],
    ['studentHealth', true, false],
    ['principal', true, false],
    ['otherPrincipal', true, false],
    ['organiserAdmin', true, true],
    ['systemAdmin', false, false],
    ['region', false, false],
  ] as const)('organiser case views: %s reads the catalogue %s, oversees %s', (persona, catalogue, oversee) => {
    expect(canOnOrganiserCases(PERSONAS[persona], 'readCatalogue')).toBe(catalogue);
    expect(canOnOrganiserCases(PERSONAS[persona], 'oversee')).toBe(oversee);
  });
});
