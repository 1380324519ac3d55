/**
 * The pupils behind one figure of the school view: who is in a cell (school unit × breakdown key)
 * and, optionally, in one absence band. This is the only statistics path that returns pupil rows;
 * it is for rektor and elevhälsa of the unit (statistics.policy `pupilListUnit`), audited per
 * read, and kept apart from statistics.repo, whose aggregates are all the organiser and region get.
 * Same rows and same per-pupil sums as the cell (periodRows), so the list's length is the count.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { periodFromTotals } from '../../../shared/measures/totals.js';
import { absenceBand, type BandCountKey } from '../../../shared/statistics/index.js';
import { breakdownKeyLabel } from './statistics.service.js';
import {
  PERIOD_ROW_COLUMNS,
  periodRows,
  planPeriod,
  sumsOf,
  type Breakdown,
  type PeriodPlan,
} from './statistics.repo.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';

/** Each pupil's sums in the cell: their rows in the unit with the breakdown's key, summed (as aggregateCells does per pupil). */
function cellPupilSums(
  organiserId: string,
  plan: PeriodPlan,
  schoolUnitId: string,
  breakdown: Breakdown,
  key: string,
): SQL {
  const withPlacement = breakdown === 'year' || breakdown === 'class';
  const keyFilter =
    breakdown === 'year'
      ? sql`r.school_year_key = ${key}`
      : breakdown === 'class'
        ? sql`r.class_key = ${key}`
        : breakdown === 'sex'
          ? sql`coalesce(s.sex, '') = ${key}`
          : sql`true`;
  return sql`select r.person_id, ${sumsOf('r', true)}
    from (${periodRows(organiserId, plan, [schoolUnitId], withPlacement)}) r (${PERIOD_ROW_COLUMNS})
    ${breakdown === 'sex' ? sql`join persons s on s.organiser_id = ${organiserId} and s.id = r.person_id` : sql``}
    where ${keyFilter}
    group by r.person_id`;
}

export interface CellPupil {
  personId: string;
  givenName: string;
  familyName: string;
  isProtected: boolean;
  scheduled: number;
  known: number;
  valid: number;
  invalid: number;
  coverage: number | null;
  absentRate: number | null;
  validRate: number | null;
  invalidRate: number | null;
  band: BandCountKey;
}

export interface CellQuery {
  schoolUnitId: string;
  from: string;
  to: string;
  breakdown: Breakdown;
  key: string;
  band?: BandCountKey;
}

export async function listCellPupils(tx: Tx, organiserId: string, query: CellQuery): Promise<CellPupil[]> {
  const plan = await planPeriod(tx, organiserId, query.from, query.to);
  const rows = await queryRows<
    { person_id: string; given_name: string; family_name: string; security_marking: string | null } & Record<
      string,
      number
    >
  >(
    tx,
    sql`
    select c.*, p.given_name, p.family_name, p.security_marking
    from (${cellPupilSums(organiserId, plan, query.schoolUnitId, query.breakdown, query.key)}) c
    join persons p on p.organiser_id = ${organiserId} and p.id = c.person_id
    order by p.family_name, p.given_name, c.person_id`,
  );
  return rows
    .map((r) => {
      const figures = periodFromTotals(
        {
          scheduled: Number(r.scheduled),
          known: Number(r.known),
          attended: Number(r.attended),
          valid: Number(r.valid),
          invalid: Number(r.invalid),
          other: Number(r.other),
          lateCount: Number(r.late_count),
          lateMinutes: Number(r.late_minutes),
          absentDays: Number(r.absent_days),
          absenceOccasions: Number(r.absence_occasions),
          schoolDays: Number(r.school_days),
          longestRun: 0,
        },
        query.from,
        query.to,
      );
      return {
        personId: r.person_id,
        givenName: r.given_name,
        familyName: r.family_name,
        isProtected: PROTECTED_MARKINGS.has(r.security_marking ?? ''),
        scheduled: figures.scheduled,
        known: figures.known,
        valid: figures.valid,
        invalid: figures.invalid,
        coverage: figures.coverage,
        absentRate: figures.absentRate,
        validRate: figures.validRate,
        invalidRate: figures.invalidRate,
        band: absenceBand(figures),
      };
    })
    .filter((p) => !query.band || p.band === query.band);
}

/** The cell's key as the school view labels it. */
export async function cellKeyLabel(tx: Tx, organiserId: string, breakdown: Breakdown, key: string): Promise<string> {
  if (breakdown === 'none') return '';
  const [group] =
    breakdown === 'class' && key
      ? await queryRows<{ name: string }>(
          tx,
          sql`select display_name as name from groups where organiser_id = ${organiserId} and id::text = ${key}`,
        )
      : [];
  return breakdownKeyLabel(breakdown, key, group?.name ?? key);
}
