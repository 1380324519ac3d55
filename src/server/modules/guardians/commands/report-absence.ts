/**
 * A guardian reports absence for one or several of their children. It lands as the same
 * guardian-report absence staff register (valid absence per docs/domain/measures.md, shown in the
 * register), with the roll-up and same-day notices updated in the same transaction.
 */
import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { registerAbsence } from '../../absences/commands/register-absence.js';
import { lockPupilDays } from '../../../db/derived-row-locks.js';
import type { NoticeTiming } from '../../messages/same-day-notices.js';
import type { ChangeReportRequest } from '../../../../shared/schemas/guardians.js';

/** @returns the new absence id per pupil, in the order given. */
export async function reportAbsence(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  pupilIds: string[],
  input: ChangeReportRequest,
  timing: NoticeTiming,
  replaces: string | null = null,
): Promise<string[]> {
  const ids: string[] = [];
  // Every child's lock at once, in order (one registration after another would take them out of order).
  await lockPupilDays(tx, ctx.organiserId, pupilIds);
  for (const pupilId of pupilIds) {
    const id = await registerAbsence(tx, ctx, pupilId, { ...input, kind: 'guardianReport' }, timing);
    await writeAuditEvent(tx, ctx, {
      type: 'guardian.report-absence',
      absenceId: id,
      pupilId,
      data: { from: input.fromDate, to: input.toDate, replaces },
    });
    ids.push(id);
  }
  return ids;
}
