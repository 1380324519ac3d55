/** Lesson rows → API shapes. */
import type {
  LessonHistoryPage,
  LessonSummary,
  RosterEntry,
  MarkHistoryEntry,
} from '../../../shared/schemas/lessons.js';
import type { HistoryPage, HistoryRow, LessonRow, MarkRow, PupilNameRow } from './lessons.repo.js';
import type { ScheduledPupilLesson } from '../measures/lesson-facts.js';
import { coveredTeachingMinutes, type ValidCover } from '../../../shared/measures/index.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';

const HHMM = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function presentLessonSummary(row: LessonRow): LessonSummary {
  return {
    id: row.id,
    activityName: row.activity_name,
    groupNames: row.group_names ?? [],
    schoolUnitName: row.school_unit_name,
    date: row.local_date,
    startTime: HHMM.format(new Date(row.starts_at)),
    endTime: HHMM.format(new Date(row.ends_at)),
    teachingMinutes: row.teaching_minutes,
    isCancelled: row.is_cancelled,
    isConfirmed: row.confirmed_at !== null,
    confirmedAt: iso(row.confirmed_at),
    pupilCount: row.pupil_count,
    isSubstitute: row.is_substitute,
  };
}

export function presentRoster(
  roster: ScheduledPupilLesson[],
  names: Map<string, PupilNameRow>,
  marks: Map<string, MarkRow>,
  covers: Map<string, (ValidCover & { id: string })[]>,
  changeable: Set<string> | 'all',
): RosterEntry[] {
  return roster
    .map((pupil) => {
      const person = names.get(pupil.personId);
      const mark = marks.get(pupil.personId);
      const covering = (covers.get(pupil.personId) ?? [])
        .filter((c) => c.start < pupil.end && c.end > pupil.start)
        .map((c) => {
          const coveredMinutes = coveredTeachingMinutes(pupil, [c], 0, pupil.teachingMinutes);
          return { id: c.id, kind: c.kind, coveredMinutes, isWholeLesson: coveredMinutes >= pupil.teachingMinutes };
        });
      return {
        personId: pupil.personId,
        givenName: person?.given_name ?? '',
        familyName: person?.family_name ?? '',
        isProtected: PROTECTED_MARKINGS.has(person?.security_marking ?? ''),
        teachingMinutes: pupil.teachingMinutes,
        mark: mark
          ? { kind: mark.kind as never, minutes: mark.minutes, reasonCode: mark.reason_code, comment: mark.comment }
          : null,
        covering,
        canChange: changeable === 'all' || changeable.has(pupil.personId),
      };
    })
    .sort((a, b) => a.familyName.localeCompare(b.familyName, 'sv') || a.givenName.localeCompare(b.givenName, 'sv'));
}

export function presentHistory(rows: HistoryRow[]): MarkHistoryEntry[] {
  return rows.map((r) => ({
    personId: r.person_id,
    pupilName: `${r.given_name} ${r.family_name}`,
    previous: r.previous,
    next: r.next,
    changedBy: r.changed_by ?? 'Import',
    changedAt: new Date(r.changed_at).toISOString(),
    isCorrection: r.is_correction,
  }));
}

export function presentHistoryPage(page: HistoryPage): LessonHistoryPage {
  return { history: presentHistory(page.rows), historyTotal: page.total, historyCursor: page.cursor };
}
