// The abilities /api/auth/me sends, per role grant, expected values written from the documented rules
// (rektor, elevhälsa and huvudman evaluate; rektor and huvudman manage; rektor, elevhälsa and mentors
// decide steps; rektor and elevhälsa close steps at their school).
import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../../../shared/roles.js';
import type { Actor } from '../../policies/actor.js';
import { abilitiesOf } from './abilities.js';

const UNIT = '22222222-2222-4222-8222-222222222222';
const actor = (...roles: RoleGrant[]): Actor => ({
  kind: 'staff',
  locale: 'sv',
  userId: 'u',
  organiserId: 'o',
  username: 'x',
  displayName: 'X',
  personId: null,
  roles,
  csrfToken: '',
});
const at = (role: RoleGrant['role'], schoolUnitId: string | null = UNIT): RoleGrant => ({ role, schoolUnitId });

describe('abilities sent with Me', () => {
  it.each([
    // grants, evaluate, manage, decide step, close-step units, early-warning scopes, default case scope
    [[at('teacher')], false, false, false, [], [], 'mine'],
    [[at('mentor')], false, false, true, [], ['mine'], 'mine'],
    [[at('mentor'), at('principal')], true, true, true, [UNIT], ['mine', 'school'], 'school'],
    [[at('principal')], true, true, true, [UNIT], ['school'], 'school'],
    [[at('studentHealth')], true, false, true, [UNIT], ['school'], 'school'],
    [[at('principal', null)], true, true, true, 'all', ['school'], 'school'],
    [[at('organiserAdmin', null)], true, true, false, [], ['organiser'], 'mine'],
    [[at('systemAdmin', null)], false, false, false, [], [], 'mine'],
  ] as const)('%j', (grants, evaluate, manage, decide, closeUnits, scopes, caseScope) => {
    expect(abilitiesOf(actor(...grants))).toEqual({
      canEvaluateLadders: evaluate,
      canManageLadders: manage,
      canDecideLadderStep: decide,
      closeLadderStepUnits: closeUnits,
      earlyWarningScopes: scopes,
      defaultCaseScope: caseScope,
    });
  });

  it('gives a guardian none', () => {
    expect(abilitiesOf({ ...actor(), kind: 'guardian' })).toEqual({
      canEvaluateLadders: false,
      canManageLadders: false,
      canDecideLadderStep: false,
      closeLadderStepUnits: [],
      earlyWarningScopes: [],
      defaultCaseScope: 'mine',
    });
  });
});
