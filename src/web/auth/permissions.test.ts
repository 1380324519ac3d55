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

describe('ladder permissions', () => {
  it('offers the early-warning scopes by role', () => {
    expect(earlyWarningScopesFor(me(['mentor', UNIT]))).toEqual(['mine']);
    expect(earlyWarningScopesFor(me(['mentor', UNIT], ['principal', UNIT]))).toEqual(['mine', 'school']);
    expect(earlyWarningScopesFor(me(['organiserAdmin', null]))).toEqual(['organiser']);
    expect(earlyWarningScopesFor(me(['teacher', UNIT]))).toEqual([]);
  });
  it('lets rektor, elevhälsa and huvudman evaluate; rektor and huvudman manage', () => {
    expect(canEvaluateLadders(me(['studentHealth', UNIT]))).toBe(true);
    expect(canEvaluateLadders(me(['mentor', UNIT]))).toBe(false);
    expect(canManageLadders(me(['studentHealth', UNIT]))).toBe(false);
    expect(canManageLadders(me(['principal', UNIT]))).toBe(true);
    expect(schoolUnitsWithRole(me(['principal', UNIT], ['studentHealth', UNIT]), 'principal', 'studentHealth')).toEqual(
      [UNIT],
    );
  });
});

describe('case defaults (issue 16 item 5)', () => {
  it("lands rektor and elevhälsa on the school's cases, others on their own", () => {
    expect(defaultCaseScopeFor(me(['principal', UNIT]))).toBe('school');
    expect(defaultCaseScopeFor(me(['studentHealth', UNIT]))).toBe('school');
    expect(defaultCaseScopeFor(me(['mentor', UNIT], ['teacher', UNIT]))).toBe('mine');
    expect(defaultCaseScopeFor(null)).toBe('mine');
  });
});
