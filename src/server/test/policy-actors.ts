/**
 * Personas for table-driven policy tests: each holds one role grant, at the resource's school unit
 * `A`, at another unit `B`, or organiser-wide. Policy tests pair them with a literal table of the
 * expected decisions written from the module's documented rules.
 */
import { expect } from 'vitest';
import type { Role } from '../../shared/roles.js';
import type { Actor } from '../policies/actor.js';

/** The school unit the resource under test belongs to. */
export const UNIT = 'A';

const actorWith = (role: Role, schoolUnitId: string | null): Actor => ({
  kind: 'staff',
  locale: 'sv',
  userId: `user-${role}`,
  organiserId: 'organiser',
  username: role,
  displayName: role,
  personId: `person-${role}`,
  roles: [{ role, schoolUnitId }],
  csrfToken: '',
});

export const PERSONAS = {
  teacher: actorWith('teacher', UNIT),
  mentor: actorWith('mentor', UNIT),
  studentHealth: actorWith('studentHealth', UNIT),
  principal: actorWith('principal', UNIT),
  otherPrincipal: actorWith('principal', 'B'),
  organiserAdmin: actorWith('organiserAdmin', null),
  systemAdmin: actorWith('systemAdmin', null),
  region: actorWith('region', null),
} as const satisfies Record<string, Actor>;
export type Persona = keyof typeof PERSONAS;

/** Asserts the decision on every action against the literal list of allowed ones (a failure names the action). */
export function expectAllowed<A extends string>(
  actions: readonly A[],
  decide: (action: A) => boolean,
  allowed: readonly A[],
) {
  const expected = new Set(allowed);
  expect(actions.map((a) => [a, decide(a)])).toEqual(actions.map((a) => [a, expected.has(a)]));
}
