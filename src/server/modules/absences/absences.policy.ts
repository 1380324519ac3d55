/**
 * Staff registering absence on a pupil's behalf (docs/architecture.md, "Access"):
 * - register, withdraw: anyone who may read the pupil (mentor of the pupil, rektor and elevhälsa of
 *   the pupil's school: readablePupilsSql); 404 otherwise, the pupil's existence is not disclosed;
 * - granted leave is a leave decision besides (guardians/leave-rule.ts): the rektor, or the pupil's
 *   mentor within the leave rule.
 */
import { notFound } from '../../errors.js';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { canReadPupil } from '../../policies/scope.js';
import { allows, type PolicyTable } from '../../policies/table.js';

export type AbsenceAction = 'register' | 'withdraw';
/** reader: the pupil is among those the actor may read (readablePupilsSql). */
export type AbsenceRelation = 'reader';

export const absencesPolicy = {
  register: { roles: [], relations: ['reader'] },
  withdraw: { roles: [], relations: ['reader'] },
} as const satisfies PolicyTable<AbsenceAction, AbsenceRelation>;

/** @throws `notFoundError` unless the actor may take the action for the pupil. */
export async function assertAbsenceAllowed(
  tx: Tx,
  actor: Actor,
  action: AbsenceAction,
  pupilId: string,
  today: string,
  notFoundError: () => Error,
): Promise<void> {
  const relations: AbsenceRelation[] = (await canReadPupil(tx, actor, pupilId, today)) ? ['reader'] : [];
  if (!allows(absencesPolicy, actor, action, { schoolUnitId: null, relations })) throw notFoundError();
}

export const pupilNotFound = () => notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
export const absenceNotFound = () => notFound('NOT_FOUND', 'Frånvaroanmälan hittades inte.');
