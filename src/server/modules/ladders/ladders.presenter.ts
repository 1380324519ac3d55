/** Ladder rows → API shapes. */
import type { EarlyWarningRow, LadderVersionSummary, TaskRow } from '../../../shared/schemas/ladders.js';
import { addDays, isoWeekMonday } from '../../../shared/dates/index.js';
import type { PeriodFigures } from '../../../shared/measures/index.js';
import { ONGOING_MEASURE_DAYS } from '../../../shared/ladders/ongoing-measure.js';
import type { VersionRow } from './ladders.repo.js';
import type { EarlyWarningDbRow, TaskDbRow } from './early-warning.repo.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function presentVersion(v: VersionRow): LadderVersionSummary {
  return {
    id: v.id,
    ladderId: v.ladder_id,
    schoolUnitId: v.school_unit_key || null,
    version: v.version,
    name: v.definition.name,
    presetId: v.preset_id,
    effectiveFrom: v.effective_from,
    status: v.status,
    createdAt: iso(v.created_at)!,
    publishedAt: iso(v.published_at),
    definition: v.definition as unknown as Record<string, unknown>,
  };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function presentEarlyWarning(
  row: EarlyWarningDbRow,
  today: string,
  recent: PeriodFigures | undefined,
  previous: PeriodFigures | undefined,
  patterns: { dimension: string; category: string }[],
): EarlyWarningRow {
  const daysSinceLastMeasure = row.last_done ? daysBetween(row.last_done, today) : null;
  return {
    personId: row.person_id,
    givenName: row.given_name,
    familyName: row.family_name,
    isProtected: PROTECTED_MARKINGS.has(row.security_marking),
    className: row.class_name,
    schoolUnitId: row.school_unit_id,
    schoolUnitName: row.school_unit_name,
    stepIndex: row.step_index,
    stepKey: row.step_key,
    stepName: row.definition.steps[row.step_index - 1]?.name ?? null,
    since: row.since,
    explanation: row.explanation,
    isNewThisWeek: row.since !== null && row.since >= isoWeekMonday(today),
    recentAbsentRate: recent?.absentRate ?? null,
    previousAbsentRate: previous?.absentRate ?? null,
    coverage: recent?.coverage ?? null,
    openTasks: row.open_tasks,
    overdueTasks: row.overdue_tasks,
    daysSinceLastMeasure,
    patterns,
    isWithoutMeasure:
      row.step_index >= 1 &&
      row.open_tasks === 0 &&
      !row.has_active_intervention &&
      (daysSinceLastMeasure === null || daysSinceLastMeasure > ONGOING_MEASURE_DAYS),
  };
}

export function presentTask(row: TaskDbRow, today: string): TaskRow {
  return {
    id: row.id,
    personId: row.person_id,
    pupilName: `${row.given_name} ${row.family_name}`,
    className: row.class_name,
    title: row.title,
    role: row.role,
    stepKey: row.step_key,
    stepName: row.step_name,
    assigneeUserId: row.assignee_user_id,
    assigneeName: row.assignee_name,
    dueDate: row.due_date,
    status: row.status,
    isOverdue: row.status === 'open' && row.due_date < today,
    doneAt: iso(row.done_at),
    doneNote: row.done_note,
  };
}

/** Patterns are looked for over the last eight weeks. */
export const PATTERN_WINDOW_DAYS = 56;

/** The 28 days before `today` and the 28 before that (for the trend column). */
export const trendWindows = (today: string) => ({
  recent: { from: addDays(today, -27), to: today },
  previous: { from: addDays(today, -55), to: addDays(today, -28) },
});
