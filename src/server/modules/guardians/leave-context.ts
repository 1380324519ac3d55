/**
 * What the one deciding a leave request should know about the pupil (issue 16 item 12): absence
 * this term so far (the measures module's figures), the ladder step, and an open case.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { findCurrentTerm } from '../../db/terms.js';
import { findCurrentSteps } from '../ladders/current-steps.js';
import type { LeaveDecisionContext } from '../../../shared/schemas/guardians.js';
import { uuidArray } from '../../db/sql.js';

export async function loadLeaveDecisionContext(
  tx: Tx,
  organiserId: string,
  pupilIds: string[],
  today: string,
): Promise<Map<string, LeaveDecisionContext>> {
  const ids = [...new Set(pupilIds)];
  if (ids.length === 0) return new Map();
  const term = await findCurrentTerm(tx, organiserId, today);
  const termTo = term && term.endDate < today ? term.endDate : today;
  const figures = term
    ? await aggregateFigures(tx, organiserId, sql`pd.person_id = any(${uuidArray(ids)})`, term.startDate, termTo)
    : new Map();
  const steps = await findCurrentSteps(tx, organiserId, ids);
  const openCases = await queryRows<{ pupil_id: string; id: string }>(
    tx,
    sql`select pupil_id, id from cases
    where organiser_id = ${organiserId} and status = 'open' and pupil_id = any(${uuidArray(ids)})`,
  );
  const caseOf = new Map(openCases.map((c) => [c.pupil_id, c.id]));
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
