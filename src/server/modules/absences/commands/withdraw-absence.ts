/** Withdraws a report or leave; the row stays (history), its minutes stop counting as valid. */
import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { recomputePupilDays } from '../../measures/recompute-pupil-days.js';
import { localDateOf } from '../../../../shared/dates/index.js';

export async function withdrawAbsence(tx: Tx, ctx: AuditContext, absence: { id: string; personId: string; startsAt: Date; endsAt: Date }, now: Date): Promise<void> {
  await tx.update(schema.absences).set({ withdrawnAt: now })
    .where(and(eq(schema.absences.organiserId, ctx.organiserId), eq(schema.absences.id, absence.id), isNull(schema.absences.withdrawnAt)));
  await writeAuditEvent(tx, ctx, { type: 'absence.withdraw', absenceId: absence.id, pupilId: absence.personId, data: {} });
  await recomputePupilDays(tx, ctx.organiserId, [absence.personId], localDateOf(absence.startsAt.getTime()), localDateOf(absence.endsAt.getTime() - 1));
}
