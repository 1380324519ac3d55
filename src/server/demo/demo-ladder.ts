/**
 * The demo organiser follows Stockholm's ladder from the first day of the demo year, evaluated up
 * to today, so early warning, tasks and the "without an ongoing measure" figure are populated on
 * the first start. From the year's start, not the current term's, so the planted January pupils
 * are on their steps with January's figures: a version published later does not replay history
 * over stored states.
 *
 * A real school works its tasks and cases as the year goes, so the evaluation runs month by month
 * and, at each month's end, the demo's staff do what a school mostly does (issue 16 item 6): tasks
 * done by their due date, investigations completed within their month, cases closed once the
 * pupil's step has ended. A few recent ones are left late, so the overdue figures are not empty.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { saveLadderVersion } from '../modules/ladders/commands/save-ladder-version.js';
import { evaluateLadders } from '../modules/ladders/commands/evaluate-ladders.js';
import { LADDER_PRESETS } from '../../shared/ladders/presets/index.js';
import { addDays, monthKey, monthRange } from '../../shared/dates/index.js';
import { DEMO_TERMS } from './calendar.js';

/** One in this many recently due tasks or investigations is left late (a deterministic pick by id). */
const LEFT_LATE_ONE_IN = 6;
/** Only what fell due within this many days of a checkpoint can still be late at it. */
const LATE_WINDOW_DAYS = 21;

/** The last day of every month from `from` up to `today`, then `today` (its work: what fell due before today). */
function checkpoints(from: string, today: string): string[] {
  const dates: string[] = [];
  for (let end = monthRange(monthKey(from)).to; end < today; end = monthRange(monthKey(addDays(end, 1))).to)
    dates.push(end);
  return [...dates, today];
}

/**
 * The demo staff's work up to `date`: synthetic history written as rows of the same shape the
 * commands write (done tasks, completed investigations, closed cases), with the demo admin as actor.
 */
async function workUpTo(tx: Tx, organiserId: string, date: string, adminId: string): Promise<void> {
  const lateFrom = addDays(date, -LATE_WINDOW_DAYS);
  const isLeftLate = (id: SQL) => sql`(abs(hashtext(${id}::text)) % ${LEFT_LATE_ONE_IN} = 0)`;
  // Work is done by the due date, so on the checkpoint only what fell due before it (times in the past even when the checkpoint is today).
  await tx.execute(sql`update tasks t set status = 'done', done_at = (t.due_date + time '15:00') at time zone 'Europe/Stockholm',
      done_by_user_id = coalesce(t.assignee_user_id, ${adminId}::uuid), done_note = 'Klart.'
    where t.organiser_id = ${organiserId} and t.status = 'open' and t.due_date < ${date}
      and not (t.due_date > ${lateFrom} and ${isLeftLate(sql`t.id`)})`);
  await tx.execute(sql`update case_investigations i set completed_on = i.deadline, completed_by_user_id = ${adminId}::uuid,
      conclusion = 'Utredningen är klar. Orsakerna är kartlagda och åtgärderna står i åtgärdsplanen.'
    where i.organiser_id = ${organiserId} and i.completed_on is null and i.deadline < ${date}
      and not (i.deadline > ${lateFrom} and ${isLeftLate(sql`i.id`)})`);
  const yesterday = addDays(date, -1);
  await tx.execute(sql`update cases c set status = 'closed', closed_by_user_id = ${adminId}::uuid,
      closed_at = (least(s.since, ${yesterday}::date) + time '15:00') at time zone 'Europe/Stockholm',
      close_reason = 'attendanceRestored', close_outcome = 'Frånvaron har upphört och steget i trappan är avslutat.'
    from pupil_ladder_states s
    where c.organiser_id = ${organiserId} and c.status = 'open' and s.organiser_id = c.organiser_id and s.person_id = c.pupil_id and s.step_index = 0 and s.since is not null
      and not exists (select 1 from case_investigations i where i.organiser_id = c.organiser_id and i.case_id = c.id and i.completed_on is null)`);
}

/**
 * Publishes the demo ladder and evaluates it month by month up to `today` with the staff's work.
 * @param onCheckpoint called after each evaluated month (progress of a long first start)
 */
export async function publishDemoLadder(
  tx: Tx,
  organiserId: string,
  today: string,
  onCheckpoint?: (done: number, total: number) => void,
): Promise<void> {
  const from = DEMO_TERMS[0].startDate;
  const [admin] = await queryRows<{ id: string }>(
    tx,
    sql`select u.id from users u
    join user_roles r on r.organiser_id = u.organiser_id and r.user_id = u.id and r.role = 'organiserAdmin'
    where u.organiser_id = ${organiserId} order by u.username limit 1`,
  );
  if (!admin) return;
  await saveLadderVersion(
    tx,
    { organiserId, actorUserId: admin.id },
    {
      schoolUnitId: null,
      definition: LADDER_PRESETS.stockholm,
      presetId: 'stockholm',
      effectiveFrom: from,
      isPublished: true,
    },
  );
  const dates = checkpoints(from, today);
  for (const [i, date] of dates.entries()) {
    await evaluateLadders(tx, { organiserId, actorUserId: null }, { date });
    await workUpTo(tx, organiserId, date, admin.id);
    onCheckpoint?.(i + 1, dates.length);
  }
}
