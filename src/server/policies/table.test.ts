import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { abilitiesFor, allows, allowsAnywhere, type PolicyTable } from './table.js';

type Action = 'read' | 'write' | 'audit';
type Relation = 'member';
const table = {
  read: { roles: ['principal', 'studentHealth'], relations: ['member'], organiserRoles: ['organiserAdmin'] },
  write: { roles: ['principal'], relations: ['member'] },
  audit: { roles: [], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<Action, Relation>;

const actor = (roles: Actor['roles']): Actor => ({
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

describe('policy table', () => {
  const rektorA = actor([{ role: 'principal', schoolUnitId: 'A' }]);
  const admin = actor([{ role: 'organiserAdmin', schoolUnitId: null }]);
  const teacher = actor([{ role: 'teacher', schoolUnitId: 'A' }]);

  it.each([
    [rektorA, 'read', 'A', [], true],
    [rektorA, 'read', 'B', [], false],
    [rektorA, 'audit', 'A', [], false],
    [admin, 'read', 'B', [], true],
    [admin, 'write', 'B', [], false],
    [admin, 'audit', null, [], true],
    [teacher, 'write', 'A', [], false],
    [teacher, 'write', 'A', ['member'], true],
    [teacher, 'audit', 'A', ['member'], false],
  ] as const)(
    '%# decides by role at the unit, organiser-wide role or relation',
    (who, action, unit, relations, expected) => {
      expect(allows(table, who, action, { schoolUnitId: unit, relations })).toBe(expected);
    },
  );

  it('an organiser-wide school role allows at every unit', () => {
    const wide = actor([{ role: 'principal', schoolUnitId: null }]);
    expect(allows(table, wide, 'write', { schoolUnitId: 'Z' })).toBe(true);
  });

  it('abilities list every action', () => {
    expect(abilitiesFor(table, rektorA, { schoolUnitId: 'A' })).toEqual({ read: true, write: true, audit: false });
  });

  it('anywhere: a role at some unit or an organiser role organiser-wide, never a relation', () => {
    expect(allowsAnywhere(table, rektorA, 'write')).toBe(true);
    expect(allowsAnywhere(table, rektorA, 'audit')).toBe(false);
    expect(allowsAnywhere(table, admin, 'audit')).toBe(true);
    expect(allowsAnywhere(table, teacher, 'write')).toBe(false);
  });
});
