/**
 * Who may do what with a lesson's registration:
 * - register: the lesson's own teacher or an assigned substitute;
 * - correct: rektor of the school unit (everyone), mentor of a pupil in the lesson (own mentees only);
 * - read: elevhälsa of the school unit;
 * - none: the lesson is not disclosed (404).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { type Actor, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { menteesSql, taughtLessonSql } from '../../policies/scope.js';
import type { LessonRow } from './lessons.repo.js';

export type LessonAccess = 'register' | 'correct' | 'read';

/** Decides the actor's access and, for mentors, which pupils they may correct. */
export async function lessonAccessFor(
  tx: Tx,
  actor: Actor,
  lesson: LessonRow,
): Promise<{ access: LessonAccess | null; correctablePupils: Set<string> | 'all' }> {
  if (hasRole(actor, 'teacher', 'mentor', 'principal')) {
    const [taught] = await queryRows<{ ok: boolean }>(
      tx,
      sql`select ${taughtLessonSql(actor, sql`l`)} as ok from lessons l
      where l.organiser_id = ${actor.organiserId} and l.id = ${lesson.id}`,
    );
    if (taught?.ok) return { access: 'register', correctablePupils: 'all' };
  }
  const principalUnits = schoolUnitsWith(actor, 'principal');
  if (principalUnits === 'all' || principalUnits.includes(lesson.school_unit_id))
    return { access: 'correct', correctablePupils: 'all' };
  if (hasRole(actor, 'mentor') && actor.personId) {
    // Pupils of the lesson on its date who are the actor's mentees on that date (not at any time).
    const onDate = sql`${lesson.local_date}::date`;
    const mentees = await queryRows<{ person_id: string }>(
      tx,
      sql`select distinct gm.person_id from group_memberships gm
      join activity_groups ag on ag.organiser_id = gm.organiser_id and ag.group_id = gm.group_id
      where gm.organiser_id = ${actor.organiserId} and ag.activity_id = ${lesson.activity_id}
        and gm.start_date <= ${onDate} and (gm.end_date is null or gm.end_date >= ${onDate})
        and gm.person_id in (${menteesSql(actor, onDate)})`,
    );
    if (mentees.length > 0) return { access: 'correct', correctablePupils: new Set(mentees.map((m) => m.person_id)) };
  }
  const healthUnits = schoolUnitsWith(actor, 'studentHealth');
  if (healthUnits === 'all' || healthUnits.includes(lesson.school_unit_id))
    return { access: 'read', correctablePupils: new Set() };
  return { access: null, correctablePupils: new Set() };
}
