import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import type { AuditContext } from '../../../audit/write-audit-event.js';
import { findOpenCase } from '../cases.repo.js';
import { openCase } from './open-case.js';
import { openInvestigation } from './open-investigation.js';

/** A ladder step's `openCase` action for one pupil. */
export interface LadderCaseOpening {
  pupilId: string;
  schoolUnitId: string;
  caseKind: 'case' | 'investigation';
  ladderVersionId: string;
  stepKey: string;
  /** The date the pupil entered the step. */
  date: string;
}

/**
 * Runs the ladder's case openings in the evaluation's transaction: opens a case (or uses the
 * pupil's open case) and, for an investigation step, opens the investigation unless one is in
 * progress or was opened since the step was entered (a re-evaluation repeats the actions).
 * @returns how many cases and investigations were opened
 */
export async function openCasesFromLadder(
  tx: Tx,
  ctx: AuditContext,
  openings: LadderCaseOpening[],
): Promise<{ cases: number; investigations: number }> {
  const opened = { cases: 0, investigations: 0 };
  const system = { ...ctx, actorUserId: null };
  for (const o of openings) {
    let existing = await findOpenCase(tx, ctx.organiserId, o.pupilId);
    if (!existing) {
      const { id } = await openCase(tx, system, {
        pupilId: o.pupilId,
        schoolUnitId: o.schoolUnitId,
        openedOn: o.date,
        openedBy: null,
        ladder: { versionId: o.ladderVersionId, stepKey: o.stepKey },
      });
      existing = { id, school_unit_id: o.schoolUnitId };
      opened.cases++;
    }
    if (o.caseKind !== 'investigation') continue;
    const recent = await queryRows<{ id: string }>(
      tx,
      sql`select id from case_investigations where organiser_id = ${ctx.organiserId} and case_id = ${existing.id}
      and (completed_on is null or opened_on >= ${o.date}) limit 1`,
    );
    if (recent.length > 0) continue;
    await openInvestigation(
      tx,
      system,
      { id: existing.id, pupilId: o.pupilId, schoolUnitId: existing.school_unit_id, status: 'open' },
      { openedOn: o.date, byLadder: true },
    );
    opened.investigations++;
  }
  return opened;
}
