// The abilities /api/auth/me sends, per role grant, expected values written from the documented rules
// (rektor, elevhälsa and huvudman evaluate; rektor and huvudman manage).
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
    // grants, evaluate, manage, early-warning scopes, default case scope
    [[at('teacher')], false, false, [], 'mine'],
    [[at('mentor')], false, false, ['mine'], 'mine'],
    [[at('mentor'), at('principal')], true, true, ['mine', 'school'], 'school'],
    [[at('principal')], true, true, ['school'], 'school'],
    [[at('studentHealth')], true, false, ['school'], 'school'],
    [[at('principal', null)], true, true, ['school'], 'school'],
    [[at('organiserAdmin', null)], true, true, ['organiser'], 'mine'],
    [[at('systemAdmin', null)], false, false, [], 'mine'],
  ] as const)('%j', (grants, evaluate, manage, scopes, caseScope) => {
    expect(abilitiesOf(actor(...grants))).toEqual({
      canEvaluateLadders: evaluate,
      canManageLadders: manage,
      earlyWarningScopes: scopes,
      defaultCaseScope: caseScope,
    });
  });

  it('gives a guardian none', () => {
    expect(abilitiesOf({ ...actor(), kind: 'guardian' })).toEqual({
      canEvaluateLadders: false,
      canManageLadders: false,
      earlyWarningScopes: [],
      defaultCaseScope: 'mine',
    });
  });
});
