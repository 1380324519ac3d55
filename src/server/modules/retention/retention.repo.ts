/**
 * The thinning steps of the retention job, one per kind of data. Each step is a table and a
 * condition, so the preview counts exactly the rows the run removes or clears. All set-based,
 * scoped to one organiser.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../db/client.js';
import {
  DEFAULT_RETENTION_POLICY,
  type RetentionCutoffs,
  type RetentionPolicy,
} from '../../../shared/retention/policy.js';
import { eq } from 'drizzle-orm';

export const RETENTION_STEPS = [
  'markComments',
  'markHistoryComments',
  'absenceComments',
  'leftPupilRows',
  'messages',
  'auditEvents',
  'expiredSessions',
  'finishedJobs',
] as const;
export type RetentionStep = (typeof RETENTION_STEPS)[number];
export type RetentionCounts = Record<RetentionStep, number>;

interface Thinning {
  table: string;
  /** `delete` removes the matching rows; otherwise the SET clause that clears their free text. */
  change: 'delete' | SQL;
  where: SQL;
}

const lessonBefore = (organiserId: string, column: SQL, before: string) =>
  sql`exists (select 1 from lessons l where l.organiser_id = ${organiserId} and l.id = ${column} and l.local_date < ${before})`;

/** Pupils whose every enrolment at the organiser ended before the date. */
const pupilsWhoLeft = (organiserId: string, before: string) => sql`(
  select person_id from enrolments where organiser_id = ${organiserId}
  group by person_id having max(coalesce(end_date, date '9999-12-31')) < ${before})`;

/**
 * Tables with rows about one pupil's attendance (and the column naming the pupil), removed
 * together when the pupil's period has run out. Deliveries go before the outbox rows they expand.
 */
const PUPIL_TABLES: [table: string, pupilColumn: string][] = [
  ['attendance_marks', 'person_id'],
  ['attendance_mark_history', 'person_id'],
  ['absences', 'person_id'],
  ['pupil_days', 'person_id'],
  ['pupil_periods', 'person_id'],
  ['lesson_student_exceptions', 'person_id'],
  ['pupil_ladder_states', 'person_id'],
  ['ladder_step_changes', 'person_id'],
  ['ladder_decisions', 'person_id'],
  ['concern_flags', 'person_id'],
  ['tasks', 'person_id'],
  ['leave_requests', 'pupil_id'],
];

/** Deliveries (rendered text, addresses) of the outbox rows matching the condition. */
const deliveriesOf = (organiserId: string, outboxWhere: SQL): Thinning => ({
  table: 'message_deliveries',
  change: 'delete',
  where: sql`organiser_id = ${organiserId} and outbox_id in (select id from outbox where ${outboxWhere})`,
});

const clearHistoryComment = (column: string) =>
  sql.raw(
    `${column} = case when ${column}->>'comment' is not null then ${column} || '{"comment":null}'::jsonb else ${column} end`,
  );

function thinnings(organiserId: string, cutoffs: RetentionCutoffs, now: Date): Record<RetentionStep, Thinning[]> {
  const org = sql`organiser_id = ${organiserId}`;
  const leavers = pupilsWhoLeft(organiserId, cutoffs.leftBefore);
  const leaversOutbox = sql`${org} and person_id in ${leavers}`;
  // Pending rows are still to be sent (or withdrawn); everything else has left the system.
  const oldMessages = sql`${org} and status <> 'pending' and (created_at at time zone 'Europe/Stockholm')::date < ${cutoffs.messagesBefore}`;
  return {
    markComments: [
      {
        table: 'attendance_marks',
        change: sql`comment = null`,
        where: sql`${org} and comment is not null and ${lessonBefore(organiserId, sql`lesson_id`, cutoffs.commentsBefore)}`,
      },
    ],
    markHistoryComments: [
      {
        table: 'attendance_mark_history',
        change: sql`${clearHistoryComment('previous')}, ${clearHistoryComment('next')}`,
        where: sql`${org} and (previous->>'comment' is not null or next->>'comment' is not null) and ${lessonBefore(organiserId, sql`lesson_id`, cutoffs.commentsBefore)}`,
      },
    ],
    absenceComments: [
      {
        table: 'absences',
        change: sql`comment = null`,
        where: sql`${org} and comment is not null and (ends_at at time zone 'Europe/Stockholm')::date < ${cutoffs.commentsBefore}`,
      },
    ],
    leftPupilRows: [
      ...PUPIL_TABLES.map(
        ([table, column]): Thinning => ({
          table,
          change: 'delete',
          where: sql`${org} and ${sql.identifier(column)} in ${leavers}`,
        }),
      ),
      deliveriesOf(organiserId, leaversOutbox),
      { table: 'outbox', change: 'delete', where: leaversOutbox },
    ],
    messages: [deliveriesOf(organiserId, oldMessages), { table: 'outbox', change: 'delete', where: oldMessages }],
    auditEvents: [
      {
        table: 'audit_events',
        change: 'delete',
        where: sql`${org} and (occurred_at at time zone 'Europe/Stockholm')::date < ${cutoffs.auditBefore}`,
      },
    ],
    expiredSessions: [
      { table: 'sessions', change: 'delete', where: sql`${org} and expires_at < ${now.toISOString()}` },
    ],
    // Results of evaluations and previews are for the page that started them; a month is plenty.
    finishedJobs: [
      {
        table: 'background_jobs',
        change: 'delete',
        where: sql`${org} and status in ('done', 'failed') and finished_at < ${now.toISOString()}::timestamptz - interval '30 days'`,
      },
    ],
  };
}

async function countOf(tx: Tx, query: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, query);
  return Number(row?.n ?? 0);
}

async function runSteps(
  tx: Tx,
  organiserId: string,
  cutoffs: RetentionCutoffs,
  now: Date,
  statement: (t: Thinning) => SQL,
): Promise<RetentionCounts> {
  const counts = Object.fromEntries(RETENTION_STEPS.map((s) => [s, 0])) as RetentionCounts;
  const steps = thinnings(organiserId, cutoffs, now);
  for (const step of RETENTION_STEPS) {
    for (const thinning of steps[step]) counts[step] += await countOf(tx, statement(thinning));
  }
  return counts;
}

/** How many rows each step would remove or clear; changes nothing. */
export const countRetention = (tx: Tx, organiserId: string, cutoffs: RetentionCutoffs, now: Date) =>
  runSteps(
    tx,
    organiserId,
    cutoffs,
    now,
    (t) => sql`select count(*)::int as n from ${sql.identifier(t.table)} where ${t.where}`,
  );

/**
 * Removes and clears what is past its period. Insert-only tables accept this only inside the
 * transaction that sets `narvaro.retention` (migration 0005), which this does first.
 */
export async function thinPastRetention(
  tx: Tx,
  organiserId: string,
  cutoffs: RetentionCutoffs,
  now: Date,
): Promise<RetentionCounts> {
  await tx.execute(sql`select set_config('narvaro.retention', 'on', true)`);
  const counts = await runSteps(tx, organiserId, cutoffs, now, (t) =>
    t.change === 'delete'
      ? sql`with changed as (delete from ${sql.identifier(t.table)} where ${t.where} returning 1) select count(*)::int as n from changed`
      : sql`with changed as (update ${sql.identifier(t.table)} set ${t.change} where ${t.where} returning 1) select count(*)::int as n from changed`,
  );
  await tx.execute(sql`select set_config('narvaro.retention', 'off', true)`);
  return counts;
}

export async function findRetentionPolicy(
  tx: Tx,
  organiserId: string,
): Promise<{ policy: RetentionPolicy; updatedAt: Date | null }> {
  const [row] = await tx
    .select()
    .from(schema.retentionPolicies)
    .where(eq(schema.retentionPolicies.organiserId, organiserId));
  // A stored policy from before a rule existed gets that rule's default.
  return row
    ? { policy: { ...DEFAULT_RETENTION_POLICY, ...row.policy }, updatedAt: row.updatedAt }
    : { policy: DEFAULT_RETENTION_POLICY, updatedAt: null };
}
