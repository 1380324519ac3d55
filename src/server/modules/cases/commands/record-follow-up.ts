import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import { AppError, notFound } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { comparablePeriods, type DateRange } from '../../../../shared/cases/index.js';
import type { PeriodFigures } from '../../../../shared/measures/index.js';
import type { FollowUpFigures } from '../../../../shared/schemas/cases.js';
import { aggregateFigures, noFigures } from '../../measures/aggregate-figures.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

const stored = (f: PeriodFigures): FollowUpFigures => ({
  from: f.from,
  to: f.to,
  scheduled: f.scheduled,
  known: f.known,
  absent: f.absent,
  valid: f.valid,
  invalid: f.invalid,
  absentRate: f.absentRate,
  validRate: f.validRate,
  invalidRate: f.invalidRate,
  coverage: f.coverage,
});

/** The pupil's figures over a period, from the roll-up the measures module writes (the one definition of absence). */
async function figuresFor(tx: Tx, organiserId: string, pupilId: string, range: DateRange): Promise<FollowUpFigures> {
  const figures = await aggregateFigures(tx, organiserId, sql`pd.person_id = ${pupilId}`, range.from, range.to);
  return stored(figures.get(pupilId) ?? noFigures(range.from, range.to));
}

/**
 * Records a follow-up point: the staff's assessment beside the pupil's absence computed — never
 * typed — for the period since the intervention started and the same length before it.
 */
export async function recordFollowUp(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  followUpId: string,
  input: { assessment: string; goalAttainment: string; recordedOn: string },
) {
  assertOpen(c);
  const [row] = await queryRows<{ id: string; point: string; recorded_on: string | null; start_date: string }>(
    tx,
    sql`
    select f.id, f.point, f.recorded_on::text as recorded_on, i.start_date::text as start_date from case_follow_ups f
    join case_interventions i on i.organiser_id = f.organiser_id and i.id = f.intervention_id
    where f.organiser_id = ${ctx.organiserId} and f.case_id = ${c.id} and f.id = ${followUpId}`,
  );
  if (!row) throw notFound('NOT_FOUND', 'Uppföljningen hittades inte.');
  if (row.recorded_on) throw new AppError('FOLLOW_UP_ALREADY_RECORDED', 'Uppföljningen är redan gjord.');
  // Before the start there is nothing to follow up: "since the start" would be an empty period.
  if (input.recordedOn < row.start_date)
    throw new AppError(
      'FOLLOW_UP_BEFORE_START',
      `Insatsen börjar ${row.start_date}: uppföljningen kan göras från den dagen.`,
    );
  const periods = comparablePeriods(row.start_date, input.recordedOn);
  const before = await figuresFor(tx, ctx.organiserId, c.pupilId, periods.before);
  const since = periods.since ? await figuresFor(tx, ctx.organiserId, c.pupilId, periods.since) : null;
  await tx.execute(sql`update case_follow_ups set recorded_on = ${input.recordedOn}, recorded_by_user_id = ${ctx.actorUserId}, assessment = ${input.assessment},
      goal_attainment = ${input.goalAttainment}, before = ${JSON.stringify(before)}::jsonb, since = ${since === null ? null : JSON.stringify(since)}::jsonb
    where organiser_id = ${ctx.organiserId} and id = ${followUpId}`);
  await writeAuditEvent(tx, ctx, {
    type: 'case.record-follow-up',
    ...subjectOf(c),
    data: { followUpId, point: row.point, beforeRate: before.absentRate, sinceRate: since?.absentRate ?? null },
  });
  return { before, since };
}
