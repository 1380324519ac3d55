/** Actors for table-driven policy tests: one role grant each, at school unit A or organiser-wide. */
import type { Role } from '../../shared/roles.js';
import type { Actor } from './actor.js';

export const UNIT_A = 'aaaaaaaa-0000-4000-8000-000000000001';
export const UNIT_B = 'bbbbbbbb-0000-4000-8000-000000000002';

const ORGANISER_ROLES: readonly Role[] = ['organiserAdmin', 'systemAdmin', 'region'];

/** A staff actor holding `role` at unit A (organiser roles: organiser-wide). */
export function actorWith(role: Role, kind: Actor['kind'] = 'staff'): Actor {
  return {
    kind,
    locale: 'sv',
    userId: `user-${role}`,
    organiserId: 'organiser',
    username: role,
    displayName: role,
    personId: `person-${role}`,
    roles: kind === 'guardian' ? [] : [{ role, schoolUnitId: ORGANISER_ROLES.includes(role) ? null : UNIT_A }],
    csrfToken: '',
  };
}

/** The staff roles every policy test walks. */
export const STAFF_ROLES = [
  'teacher',
  'mentor',
  'principal',
  'studentHealth',
  'organiserAdmin',
  'systemAdmin',
] as const;
