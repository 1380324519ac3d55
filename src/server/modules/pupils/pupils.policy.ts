/**
 * Who reads a pupil (the pupil list, the pupil page with figures, patterns and lesson timeline):
 * - rektor and elevhälsa of a school unit the pupil is enrolled at or has a group at;
 * - the pupil's mentor (a member of a group the actor mentors);
 * - never a teacher for teaching alone, the huvudman, the system administrator or a region: they
 *   see aggregates (statistics) or nothing. An unreadable pupil answers 404 (docs/architecture.md).
 *
 * The relationship scope is `readablePupilsSql` in policies/scope.ts, beside the other shared
 * scopes, because every module that lists pupils embeds it; this table is what it encodes.
 */
import type { Actor } from '../../policies/actor.js';
import { type PolicyTable, allows } from '../../policies/table.js';

export type PupilAction = 'read';
/** `mentor`: the pupil is in a group the actor mentors. */
export type PupilRelation = 'mentor';

export const PUPIL_POLICY = {
  read: { roles: ['principal', 'studentHealth'], relations: ['mentor'] },
} as const satisfies PolicyTable<PupilAction, PupilRelation>;

/** Whether the actor may read a pupil placed at the school unit, given whether the actor mentors the pupil. */
export const canOnPupil = (actor: Actor, action: PupilAction, schoolUnitId: string | null, isMentor: boolean) =>
  allows(PUPIL_POLICY, actor, action, { schoolUnitId, relations: isMentor ? ['mentor'] : [] });
