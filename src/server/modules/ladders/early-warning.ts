/** The early-warning view: pupils per ladder step with trend, coverage, flagged patterns and overdue work. */
import { inSequence, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { findPatterns } from '../../../shared/measures/index.js';
import { addDays } from '../../../shared/dates/index.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { loadCovers, loadScheduledLessons } from '../measures/lesson-facts.js';
import { uuidArray } from '../../db/sql.js';
import { sql } from 'drizzle-orm';
import { countOverdueWork, earlyWarningScopeSql, findEarlyWarningRows } from './early-warning.repo.js';
import { PATTERN_WINDOW_DAYS, presentEarlyWarning, trendWindows } from './ladders.presenter.js';

/** Flagged patterns per pupil from the measures module, over one set-based load of the pupils' lessons. */
async function flaggedPatterns(db: Tx, organiserId: string, personIds: string[], from: string, to: string) {
  const lessons = await loadScheduledLessons(db, organiserId, personIds, from, to);
  const covers = await loadCovers(db, organiserId, personIds, from, to);
  const byPupil = new Map<string, typeof lessons>();
  for (const lesson of lessons) byPupil.set(lesson.personId, [...(byPupil.get(lesson.personId) ?? []), lesson]);
  return new Map(
    [...byPupil].map(([personId, own]) => [
      personId,
      findPatterns(own, covers.get(personId) ?? [], from, to)
        .filter((p) => p.isFlagged)
        .map((p) => ({ dimension: p.dimension, category: p.category })),
    ]),
  );
}

export type EarlyWarningQueryInput = {
  scope: 'mine' | 'school' | 'organiser';
  schoolUnitId?: string;
  minStep?: number;
};

/**
 * The early-warning list for the actor's scope, with per-step and per-school counts.
 * The caller checks the organiser scope is the actor's to see.
 */
export async function buildEarlyWarning(db: Tx, actor: Actor, query: EarlyWarningQueryInput, today: string) {
  const { scope, schoolUnitId, minStep = 1 } = query;
  const condition = earlyWarningScopeSql(actor, scope, schoolUnitId, today);
  const rows = await findEarlyWarningRows(db, actor.organiserId, condition, minStep, today);
  const overdue = await countOverdueWork(db, actor.organiserId, condition, today);
  const windows = trendWindows(today);
  const ids = sql`pd.person_id = any(${uuidArray(rows.map((r) => r.person_id))})`;
  const [recent, previous] = await inSequence(
    () => aggregateFigures(db, actor.organiserId, ids, windows.recent.from, windows.recent.to),
    () => aggregateFigures(db, actor.organiserId, ids, windows.previous.from, windows.previous.to),
  );
  const patterns = await flaggedPatterns(
    db,
    actor.organiserId,
    rows.map((r) => r.person_id),
    addDays(today, -(PATTERN_WINDOW_DAYS - 1)),
    today,
  );
  const presented = rows.map((r) =>
    presentEarlyWarning(r, today, recent.get(r.person_id), previous.get(r.person_id), patterns.get(r.person_id) ?? []),
  );
  const perStep = new Map<number, { stepIndex: number; stepName: string | null; pupils: number }>();
  const perSchool = new Map<
    string,
    { schoolUnitId: string | null; schoolUnitName: string | null; onStep: number; withoutMeasure: number }
  >();
  for (const r of presented) {
    const step = perStep.get(r.stepIndex) ?? { stepIndex: r.stepIndex, stepName: r.stepName, pupils: 0 };
    step.pupils++;
    perStep.set(r.stepIndex, step);
    const school = perSchool.get(r.schoolUnitId ?? '') ?? {
      schoolUnitId: r.schoolUnitId,
      schoolUnitName: r.schoolUnitName,
      onStep: 0,
      withoutMeasure: 0,
    };
    school.onStep++;
    if (r.isWithoutMeasure) school.withoutMeasure++;
    perSchool.set(r.schoolUnitId ?? '', school);
  }
  return {
    date: today,
    rows: presented,
    perStep: [...perStep.values()].sort((a, b) => a.stepIndex - b.stepIndex),
    perSchool: [...perSchool.values()],
    withoutMeasure: presented.filter((r) => r.isWithoutMeasure).length,
    overdueTasks: overdue.tasks,
    overdueInvestigations: overdue.investigations,
  };
}
