/**
 * Who may be given work on a pupil (case member, intervention owner, task assignee): staff with a
 * role at the pupil's school unit (or the same role organiser-wide). Never a guardian, the
 * huvudman, a system administrator or a region: a case member reads mapping content that the
 * organiser may not see (docs/permissions.md), and a guardian account must never act on a case.
 * The pickers in the UI and the server-side checks use this one list (issue 15, item 2).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Role } from '../../shared/roles.js';

/** Roles whose holders can be given work on a pupil at their school unit. */
export const ASSIGNABLE_STAFF_ROLES = [
  'teacher',
  'mentor',
  'studentHealth',
  'principal',
] as const satisfies readonly Role[];

export interface AssignableStaff {
  id: string;
  name: string;
  roles: string[];
}

/**
 * Active staff accounts with an assignable role at the school unit or organiser-wide, by name
 * (a task without a school unit: organiser-wide grants only).
 * @param userId when given, only that user (to check one choice)
 */
export function findAssignableStaff(
  tx: Tx,
  organiserId: string,
  schoolUnitId: string | null,
  userId?: string,
): Promise<AssignableStaff[]> {
  return queryRows<AssignableStaff>(
    tx,
    sql`
    select u.id, u.display_name as name, array_agg(distinct ur.role order by ur.role) as roles from user_roles ur
    join users u on u.organiser_id = ur.organiser_id and u.id = ur.user_id and u.is_active and u.kind = 'staff'
    where ur.organiser_id = ${organiserId} and (ur.school_unit_key = '' or ur.school_unit_key = ${schoolUnitId}::text)
      and ur.role in (${sql.join(
        ASSIGNABLE_STAFF_ROLES.map((r) => sql`${r}`),
        sql`, `,
      )})
      ${userId ? sql`and u.id = ${userId}` : sql``}
    group by u.id, u.display_name order by u.display_name`,
  );
}

/**
 * @throws NOT_ASSIGNABLE (422) when the user is not in the candidate list of the school unit
 */
export async function assertAssignableStaff(
  tx: Tx,
  organiserId: string,
  schoolUnitId: string | null,
  userId: string,
  path: string,
): Promise<void> {
  if ((await findAssignableStaff(tx, organiserId, schoolUnitId, userId)).length > 0) return;
  throw new AppError('NOT_ASSIGNABLE', 'Användaren kan inte väljas här.', [
    { path, message: 'Välj någon i listan: personal med en roll på elevens skolenhet.' },
  ]);
}
