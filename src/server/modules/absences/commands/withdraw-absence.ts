/** Withdraws a report or leave; the row stays (history), its minutes stop counting as valid. */
import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { recomputePupilDays } from '../../measures/recompute-pupil-days.js';
import { syncSameDayNotices, type NoticeTiming } from '../../messages/same-day-notices.js';
import { localDateOf } from '../../../../shared/dates/index.js';

export async function withdrawAbsence(
  tx: Tx,
  ctx: AuditContext,
  absence: { id: string; personId: string; startsAt: Date; endsAt: Date },
  timing: NoticeTiming,
): Promise<void> {
  const { now } = timing;
  await tx
    .update(schema.absences)
    .set({ withdrawnAt: now })
    .where(
      and(
        eq(schema.absences.organiserId, ctx.organiserId),
        eq(schema.absences.id, absence.id),
        isNull(schema.absences.withdrawnAt),
      ),
    );
  await writeAuditEvent(tx, ctx, {
    type: 'absence.withdraw',
    absenceId: absence.id,
    pupilId: absence.personId,
    data: {},
  });
  const from = localDateOf(absence.startsAt.getTime());
  const to = localDateOf(absence.endsAt.getTime() - 1);
  await recomputePupilDays(tx, ctx.organiserId, [absence.personId], from, to, { rollupsOf: 'changedDays' });
  await syncSameDayNotices(tx, ctx.organiserId, [absence.personId], from, to, timing);
}
