/**
 * Monthly message as in Stockholm: guardians of pupils whose absence in the previous calendar
 * month was above the threshold get one message (idempotency key pupil + month). Runs daily in
 * the first week of a month, so a late registration can still count; the key keeps it to one.
 * Pupils already messaged about that month by a ladder step are skipped.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../../db/client.js';
import { addDays, monthKey, monthRange } from '../../../../shared/dates/index.js';
import { MONTHLY_TEMPLATE } from './expand-outbox.js';

export async function writeMonthlyNotices(
  tx: Tx,
  organiserId: string,
  options: { today: string; now: Date; thresholdPercent: number },
): Promise<number> {
  if (options.thresholdPercent <= 0 || Number(options.today.slice(8, 10)) > 7) return 0;
  const month = monthKey(addDays(`${options.today.slice(0, 7)}-01`, -1));
  const { from, to } = monthRange(month);
  const pupils = await queryRows<{ person_id: string; rate: number }>(
    tx,
    sql`select person_id, sum(valid + invalid)::float8 / sum(known) as rate
    from pupil_days where organiser_id = ${organiserId} and date between ${from} and ${to}
    group by person_id having sum(known) > 0 and sum(valid + invalid)::float8 / sum(known) > ${options.thresholdPercent / 100}
      and not exists (select 1 from outbox o where o.organiser_id = ${organiserId} and o.person_id = pupil_days.person_id
        and o.template_key = ${MONTHLY_TEMPLATE} and o.status <> 'withdrawn' and o.idempotency_key not like 'monthly:%' and o.created_at >= ${from}::date)`,
  );
  if (pupils.length === 0) return 0;
  await tx
    .insert(schema.outbox)
    .values(
      pupils.map((p) => ({
        organiserId,
        id: randomUUID(),
        kind: 'guardianMessage',
        personId: p.person_id,
        templateKey: MONTHLY_TEMPLATE,
        payload: { month, rate: Math.round(p.rate * 1000) / 1000 },
        idempotencyKey: `monthly:${p.person_id}:${month}`,
        sendAfter: options.now,
      })),
    )
    .onConflictDoNothing();
  return pupils.length;
}
