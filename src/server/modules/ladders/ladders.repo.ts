/** Ladder versions, pupil states, decisions, flags and the facts an evaluation needs — set-based. */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../db/client.js';
import { presentDay, type DayFigures } from '../../../shared/measures/index.js';
import { eachDate } from '../../../shared/dates/index.js';
import type { LadderDefinition } from '../../../shared/ladders/index.js';
import { uuidArray } from '../../db/sql.js';
import { mentorshipsSql } from '../../policies/scope.js';
import type { PupilPlacement } from '../../db/placements.js';

export interface VersionRow {
  id: string;
  ladder_id: string;
  school_unit_key: string;
  version: number;
  definition: LadderDefinition;
  preset_id: string | null;
  effective_from: string;
  status: string;
  created_at: Date | string;
  published_at: Date | string | null;
  ladder_name: string;
}

/** Every version of the organiser's ladders (all scopes), oldest first. */
export async function findLadderVersions(tx: Tx, organiserId: string): Promise<VersionRow[]> {
  return queryRows<VersionRow>(
    tx,
    sql`select v.id, v.ladder_id, l.school_unit_key, v.version, v.definition, v.preset_id, v.effective_from::text as effective_from,
      v.status, v.created_at, v.published_at, l.name as ladder_name
    from ladder_versions v join ladders l on l.organiser_id = v.organiser_id and l.id = v.ladder_id
    where v.organiser_id = ${organiserId} order by l.school_unit_key, v.effective_from, v.version`,
  );
}

/**
 * Pupils in chunks of whole school units, at most `size` pupils each (a larger unit is split): one
 * load of rows and one round of writes per chunk, so memory stays bounded at any organiser size
 * while the database reads many pupils per query (a query per small unit reads far slower).
 */
export function chunksBySchoolUnit(pupils: readonly PupilPlacement[], size: number): PupilPlacement[][] {
  const byUnit = new Map<string, PupilPlacement[]>();
  for (const pupil of pupils) byUnit.set(pupil.school_unit_id, [...(byUnit.get(pupil.school_unit_id) ?? []), pupil]);
  const chunks: PupilPlacement[][] = [];
  let current: PupilPlacement[] = [];
  for (const unit of byUnit.values()) {
    for (let i = 0; i < unit.length; i += size) {
      const slice = unit.slice(i, i + size);
      if (current.length + slice.length > size) {
        chunks.push(current);
        current = [];
      }
      current.push(...slice);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Day rows of the pupils in `from..to`, grouped by pupil, sorted by date. A school year of a
 * municipality is millions of rows, so each pupil's days travel as one packed text (see
 * `unpackDays`): one row per pupil instead of one per day, and a plain day (everything attended,
 * no lateness) is just its offset and scheduled minutes.
 */
export async function findDayFigures(
  tx: Tx,
  organiserId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<Map<string, DayFigures[]>> {
  const byPerson = new Map<string, DayFigures[]>();
  if (personIds.length === 0 || from > to) return byPerson;
  // The aggregate sorts the rows by pupil; the default 4 MB would spill that sort to disk.
  await tx.execute(sql`set local work_mem = '64MB'`);
  const rows = await queryRows<{ person_id: string; days: string }>(
    tx,
    sql`
    select person_id, string_agg(case
        when attended = scheduled and known = scheduled and valid = 0 and invalid = 0 and other = 0 and late_count = 0 and late_minutes = 0
        then (date - ${from}::date) || ' ' || scheduled
        else (date - ${from}::date) || ' ' || scheduled || ' ' || known || ' ' || attended || ' ' || valid || ' ' || invalid || ' ' || other || ' ' || late_count || ' ' || late_minutes
      end, ',' order by date) as days
    from pupil_days where organiser_id = ${organiserId} and person_id = any(${uuidArray(personIds)}) and date between ${from} and ${to}
    group by person_id`,
  );
  const dates = eachDate(from, to);
  for (const r of rows) byPerson.set(r.person_id, unpackDays(r.days, dates));
  return byPerson;
}

/** The inverse of the packing in `findDayFigures`; `dates[i]` is the date at offset i. */
export function unpackDays(packed: string, dates: readonly string[]): DayFigures[] {
  return packed.split(',').map((day) => {
    const f = day.split(' ');
    const scheduled = Number(f[1]);
    if (f.length === 2) return presentDay(dates[Number(f[0])], scheduled);
    return {
      date: dates[Number(f[0])],
      scheduled,
      known: Number(f[2]),
      attended: Number(f[3]),
      valid: Number(f[4]),
      invalid: Number(f[5]),
      other: Number(f[6]),
      lateCount: Number(f[7]),
      lateMinutes: Number(f[8]),
    };
  });
}

export interface StateRow {
  person_id: string;
  ladder_version_id: string;
  evaluation_date: string;
  step_index: number;
  step_key: string | null;
  since: string | null;
  explanation: string;
  result: Record<string, unknown>;
  school_unit_id: string | null;
}

export async function findStates(tx: Tx, organiserId: string, personIds: string[]): Promise<Map<string, StateRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await queryRows<StateRow>(
    tx,
    sql`select person_id, ladder_version_id, evaluation_date::text as evaluation_date, step_index, step_key, since::text as since,
      explanation, result, school_unit_id
    from pupil_ladder_states where organiser_id = ${organiserId} and person_id = any(${uuidArray(personIds)})`,
  );
  return new Map(rows.map((r) => [r.person_id, r]));
}

/** Concern flags and staff decisions by pupil. */
export async function findFlagsAndDecisions(tx: Tx, organiserId: string, personIds: string[]) {
  const flags = new Map<string, { setOn: string; clearedOn?: string }[]>();
  const decisions = new Map<string, { date: string; stepIndex: number; reason: string; kind?: 'close' }[]>();
  if (personIds.length === 0) return { flags, decisions };
  const flagRows = await queryRows<{ person_id: string; set_on: string; cleared_on: string | null }>(
    tx,
    sql`select person_id, set_on::text as set_on, cleared_on::text as cleared_on
    from concern_flags where organiser_id = ${organiserId} and person_id = any(${uuidArray(personIds)})`,
  );
  for (const f of flagRows)
    flags.set(f.person_id, [
      ...(flags.get(f.person_id) ?? []),
      { setOn: f.set_on, ...(f.cleared_on ? { clearedOn: f.cleared_on } : {}) },
    ]);
  const decisionRows = await queryRows<{
    person_id: string;
    date: string;
    step_index: number;
    reason: string;
    kind: string;
  }>(
    tx,
    sql`select person_id, date::text as date, step_index, reason, kind
    from ladder_decisions where organiser_id = ${organiserId} and person_id = any(${uuidArray(personIds)}) order by date, created_at`,
  );
  for (const d of decisionRows)
    decisions.set(d.person_id, [
      ...(decisions.get(d.person_id) ?? []),
      {
        date: d.date,
        stepIndex: d.step_index,
        reason: d.reason,
        ...(d.kind === 'close' ? { kind: 'close' as const } : {}),
      },
    ]);
  return { flags, decisions };
}

export async function findTerms(tx: Tx, organiserId: string): Promise<{ startDate: string; endDate: string }[]> {
  return queryRows<{ startDate: string; endDate: string }>(
    tx,
    sql`select start_date::text as "startDate", end_date::text as "endDate" from terms where organiser_id = ${organiserId} order by start_date`,
  );
}

export interface AssigneeRow {
  user_id: string;
  person_id: string | null;
  role: string;
  school_unit_key: string;
}

/**
 * Users who can take tasks, with the pupils' mentors on `date` (one each; a pupil without a mentor
 * then gets an unassigned mentor task, which the pupil's mentor sees once there is one).
 */
export async function findAssignees(tx: Tx, organiserId: string, personIds: string[], date: string) {
  const staff = await queryRows<AssigneeRow>(
    tx,
    sql`select ur.user_id, u.person_id, ur.role, ur.school_unit_key from user_roles ur
    join users u on u.organiser_id = ur.organiser_id and u.id = ur.user_id and u.is_active
    where ur.organiser_id = ${organiserId} order by u.username`,
  );
  const mentors =
    personIds.length === 0
      ? []
      : await queryRows<{ pupil_id: string; user_id: string }>(
          tx,
          sql`
    select distinct on (m.pupil_id) m.pupil_id, u.id as user_id from (${mentorshipsSql(organiserId, date)}) m
    join users u on u.organiser_id = ${organiserId} and u.person_id = m.mentor_id and u.is_active
    where m.pupil_id = any(${uuidArray(personIds)})
    order by m.pupil_id, u.username`,
        );
  return { staff, mentorOf: new Map(mentors.map((m) => [m.pupil_id, m.user_id])) };
}

/** The pupil's step changes, newest first. */
export async function findStepChanges(tx: Tx, organiserId: string, pupilId: string) {
  const rows = await tx
    .select()
    .from(schema.ladderStepChanges)
    .where(and(eq(schema.ladderStepChanges.organiserId, organiserId), eq(schema.ladderStepChanges.personId, pupilId)));
  return rows.sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
}

/** Who decided the pupil's staff decisions, per date and step. */
export function findLadderDeciders(tx: Tx, organiserId: string, pupilId: string) {
  return queryRows<{ date: string; step_index: number; name: string }>(
    tx,
    sql`select d.date::text as date, d.step_index, u.display_name as name
      from ladder_decisions d join users u on u.organiser_id = d.organiser_id and u.id = d.decided_by_user_id
      where d.organiser_id = ${organiserId} and d.person_id = ${pupilId}`,
  );
}

/** The pupil's concern flag if set and not cleared. */
export async function findOpenConcernFlag(
  tx: Tx,
  organiserId: string,
  pupilId: string,
): Promise<{ id: string; set_on: string; note: string | null } | null> {
  const [flag] = await queryRows<{ id: string; set_on: string; note: string | null }>(
    tx,
    sql`select id, set_on::text as set_on, note from concern_flags
      where organiser_id = ${organiserId} and person_id = ${pupilId} and cleared_on is null limit 1`,
  );
  return flag ?? null;
}
