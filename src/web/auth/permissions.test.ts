import { describe, expect, it } from 'vitest';
import type { Me } from '@shared/schemas/auth';
import type { Role } from '@shared/roles';
import {
  canEvaluateLadders,
  canManageLadders,
  defaultCaseScopeFor,
  earlyWarningScopesFor,
  schoolUnitsWithRole,
} from './permissions';
import { homePathFor, navItemsFor } from './navigation';

const UNIT = '22222222-2222-4222-8222-222222222222';
const me = (...grants: [Role, string | null][]): Me => ({
  userId: 'u',
  username: 'x',
  displayName: 'X',
  kind: 'staff',
  locale: 'sv',
  csrfToken: 't',
  today: '2026-11-23',
  roles: grants.map(([role, schoolUnitId]) => ({ role, schoolUnitId })),
  abilities: {
    canEvaluateLadders: false,
    canManageLadders: false,
    earlyWarningScopes: [],
    defaultCaseScope: 'mine',
  },
});

describe('navigation per role', () => {
  it('gives each role its pages in a fixed order', () => {
    expect(navItemsFor(me(['mentor', UNIT], ['teacher', UNIT]))).toEqual([
      'myLessons',
      'earlyWarning',
      'tasks',
      'cases',
      'leaveRequests',
      'pupils',
    ]);
    expect(navItemsFor(me(['principal', UNIT]))).toEqual([
      'earlyWarning',
      'tasks',
      'cases',
      'leaveRequests',
      'pupils',
      'completeness',
      'statistics',
      'messages',
      'ladder',
    ]);
    expect(navItemsFor(me(['studentHealth', UNIT]))).toEqual([
      'earlyWarning',
      'tasks',
      'cases',
      'pupils',
      'completeness',
      'statistics',
      'messages',
    ]);
    expect(navItemsFor(me(['organiserAdmin', null]))).toEqual([
      'earlyWarning',
      'notices',
      'caseOverview',
      'completeness',
      'statistics',
      'messages',
      'messageSettings',
      'ladder',
      'retention',
      'dataAccess',
      'users',
    ]);
    expect(navItemsFor(me(['teacher', UNIT]))).toEqual(['myLessons']);
  });
  it('sends rektor, elevhälsa and huvudman to Tidiga signaler first', () => {
    expect(homePathFor(me(['principal', UNIT]))).toBe('/early-warning');
    expect(homePathFor(me(['organiserAdmin', null]))).toBe('/early-warning');
    expect(homePathFor(me(['mentor', UNIT]))).toBeNull();
  });
  it('gives a guardian the portal and no staff pages', () => {
    const guardian: Me = { ...me(), kind: 'guardian' };
    expect(navItemsFor(guardian)).toEqual([]);
    expect(homePathFor(guardian)).toBe('/guardian');
  });
});

describe('ability readers (the server decides them: src/server/modules/auth/abilities.test.ts)', () => {
  const withAbilities = (abilities: Partial<Me['abilities']>): Me => ({
    ...me(['principal', UNIT]),
    abilities: { ...me().abilities, ...abilities },
  });
  it('reads the abilities sent with Me', () => {
    const m = withAbilities({ canEvaluateLadders: true, earlyWarningScopes: ['school'] });
    expect([canEvaluateLadders(m), canManageLadders(m)]).toEqual([true, false]);
    expect(earlyWarningScopesFor(m)).toEqual(['school']);
    expect(defaultCaseScopeFor(withAbilities({ defaultCaseScope: 'school' }))).toBe('school');
    expect(defaultCaseScopeFor(null)).toBe('mine');
  });
  it('lists the school units of a role once', () => {
    expect(schoolUnitsWithRole(me(['principal', UNIT], ['studentHealth', UNIT]), 'principal', 'studentHealth')).toEqual(
      [UNIT],
    );
  });
});
