/**
 * Evaluates one ladder definition for pupils from a start date to a date without writing
 * anything: the draft preview and `npm run cli -- ladder evaluate`. Data after the date is ignored.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx, inSequence } from '../../db/client.js';
import { replayLadder, type LadderDefinition, type LadderResult } from '../../../shared/ladders/index.js';
import { chunksBySchoolUnit, findDayFigures, findFlagsAndDecisions, findTerms } from './ladders.repo.js';
import { findPupilPlacements } from '../../db/placements.js';

export interface DryRunRow {
  personId: string;
  schoolUnitId: string;
  result: LadderResult;
}

/** Pupils replayed together (one school unit, or a slice of a large one). */
const PUPILS_PER_CHUNK = 5000;

/**
 * @param from first evaluated date; null = the first day with registrations in the organiser.
 * @param onProgress called after each school unit with pupils done and in all
 */
export async function dryRunLadder(
  tx: Tx,
  organiserId: string,
  definition: LadderDefinition,
  from: string | null,
  to: string,
  filter: { schoolUnitId?: string } = {},
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<DryRunRow[]> {
  const pupils = await findPupilPlacements(tx, organiserId, to, filter);
  const start =
    from ??
    (
      await queryRows<{ first: string | null }>(
        tx,
        sql`select min(date)::text as first from pupil_days where organiser_id = ${organiserId}`,
      )
    )[0]?.first;
  if (!start || start > to || pupils.length === 0) return [];
  const terms = await findTerms(tx, organiserId);
  const rows: DryRunRow[] = [];
  for (const chunk of chunksBySchoolUnit(pupils, PUPILS_PER_CHUNK)) {
    const ids = chunk.map((p) => p.person_id);
    const [days, { flags, decisions }] = await inSequence(
      () => findDayFigures(tx, organiserId, ids, start, to),
      () => findFlagsAndDecisions(tx, organiserId, ids),
    );
    for (const p of chunk) {
      const results = replayLadder(
        definition,
        {
          days: days.get(p.person_id) ?? [],
          terms,
          concernFlags: (flags.get(p.person_id) ?? []).filter((f) => f.setOn <= to),
          staffDecisions: (decisions.get(p.person_id) ?? []).filter((d) => d.date <= to),
        },
        start,
        to,
      );
      rows.push({ personId: p.person_id, schoolUnitId: p.school_unit_id, result: results[results.length - 1] });
    }
    await onProgress?.(rows.length, pupils.length);
  }
  return rows;
}
