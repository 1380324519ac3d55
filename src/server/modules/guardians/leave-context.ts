/**
 * What the one deciding a leave request should know about the pupil (issue 16 item 12): absence
 * this term so far (the measures module's figures), the ladder step, and an open case.
 */
import type { Tx } from '../../db/client.js';
import { findCurrentSteps } from '../ladders/current-steps.js';
import type { LeaveDecisionContext } from '../../../shared/schemas/guardians.js';
import { findOpenCaseIds } from './leave.repo.js';
import { loadTermAttendance } from './term-attendance.js';

export async function loadLeaveDecisionContext(
  tx: Tx,
  organiserId: string,
  pupilIds: string[],
  today: string,
): Promise<Map<string, LeaveDecisionContext>> {
  const ids = [...new Set(pupilIds)];
  if (ids.length === 0) return new Map();
  const { term, termTo, figures } = await loadTermAttendance(tx, organiserId, ids, today);
  const steps = await findCurrentSteps(tx, organiserId, ids);
  const caseOf = await findOpenCaseIds(tx, organiserId, ids);
  return new Map(
    ids.map((id) => {
      const f = figures.get(id);
      const step = steps.get(id);
      return [
        id,
        {
          termFrom: term?.startDate ?? null,
          termTo: term ? termTo : null,
          absentRate: f?.absentRate ?? null,
          invalidRate: f?.invalidRate ?? null,
          ladder: step ?? null,
          openCaseId: caseOf.get(id) ?? null,
        },
      ];
    }),
  );
}
