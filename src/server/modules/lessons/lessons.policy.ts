/**
 * Who may do what with a lesson's registration (docs/architecture.md, "Access"):
 * - register: the lesson's own teacher or an assigned substitute;
 * - correct: rektor of the school unit (every pupil), mentor of a pupil in the lesson (own mentees only);
 * - read: elevhälsa of the school unit, and everyone who may register or correct;
 * - none of these: the lesson is not disclosed (404). Reading without registering or correcting: a
 *   registration answers 403.
 */
import type { Tx } from '../../db/client.js';
import { type Actor, hasRole } from '../../policies/actor.js';
import { allows, type PolicyTable } from '../../policies/table.js';
import { findMenteesInLesson, type LessonRow, teachesLesson } from './lessons.repo.js';

export type LessonAction = 'read' | 'register' | 'correct';
/** teacher: teaches the lesson (or substitutes); mentorOfPupil: mentor of a pupil in it on its date. */
export type LessonRelation = 'teacher' | 'mentorOfPupil';

export const lessonPolicy = {
  read: { roles: ['principal', 'studentHealth'], relations: ['teacher', 'mentorOfPupil'] },
  register: { roles: [], relations: ['teacher'] },
  correct: { roles: ['principal'], relations: ['mentorOfPupil'] },
} as const satisfies PolicyTable<LessonAction, LessonRelation>;

export type LessonAccess = 'register' | 'correct' | 'read';

/** Decides the actor's access and, for mentors, which pupils they may correct. */
export async function lessonAccessFor(
  tx: Tx,
  actor: Actor,
  lesson: LessonRow,
): Promise<{ access: LessonAccess | null; correctablePupils: Set<string> | 'all' }> {
  const at = { schoolUnitId: lesson.school_unit_id };
  // Only staff who may teach are looked up as teachers (elevhälsa reads, never registers).
  if (
    hasRole(actor, 'teacher', 'mentor', 'principal') &&
    (lesson.taught_by_actor ?? (await teachesLesson(tx, actor, lesson.id)))
  )
    if (allows(lessonPolicy, actor, 'register', { ...at, relations: ['teacher'] }))
      return { access: 'register', correctablePupils: 'all' };
  if (allows(lessonPolicy, actor, 'correct', at)) return { access: 'correct', correctablePupils: 'all' };
  if (hasRole(actor, 'mentor')) {
    const mentees = await findMenteesInLesson(tx, actor, lesson);
    if (mentees.size > 0 && allows(lessonPolicy, actor, 'correct', { ...at, relations: ['mentorOfPupil'] }))
      return { access: 'correct', correctablePupils: mentees };
  }
  if (allows(lessonPolicy, actor, 'read', at)) return { access: 'read', correctablePupils: new Set() };
  return { access: null, correctablePupils: new Set() };
}
