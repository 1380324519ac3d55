/**
 * Assembles the pupil page from the measures module: totals, months, weeks, patterns, trend and
 * a timeline of lessons. Reads the pupil's lessons once and derives everything from them.
 */
import { inSequence, type Tx } from '../../db/client.js';
import type { PupilPage } from '../../../shared/schemas/pupils.js';
import {
  dayFigures,
  findPatterns,
  lessonOutcome,
  monthFigures,
  schoolWeeks,
  sumDays,
  trend,
  type LessonOutcome,
} from '../../../shared/measures/index.js';
import { addDays, eachDate, monthKey } from '../../../shared/dates/index.js';
import { loadCovers, loadScheduledLessons, type ScheduledPupilLesson } from '../measures/lesson-facts.js';
import { findActivityTeacherNames, findGuardians, findPupilAbsences, type PupilRow } from './pupils.repo.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';

const HHMM = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });

function timelineState(lesson: ScheduledPupilLesson, outcome: LessonOutcome): string {
  if (outcome.known === 0) return 'unknown';
  if (lesson.mark && lesson.mark.kind !== 'imported' && lesson.isConfirmed) return lesson.mark.kind;
  if (outcome.other === outcome.scheduled) return 'other';
  if (outcome.valid + outcome.invalid === outcome.scheduled) return outcome.invalid === 0 ? 'valid' : 'absent';
  if (outcome.valid + outcome.invalid > 0) return 'partial';
  return 'present';
}

/** Builds the page for one readable pupil over [from, to]. */
export async function buildPupilPage(
  tx: Tx,
  organiserId: string,
  pupil: PupilRow,
  from: string,
  to: string,
): Promise<PupilPage> {
  // The trend compares the last 28 days with the 28 before, whatever period the page shows.
  const trendFrom = [from, addDays(to, -55)].sort()[0];
  const [allLessons, covers, guardians, absences] = await inSequence(
    () => loadScheduledLessons(tx, organiserId, [pupil.id], trendFrom, to),
    () => loadCovers(tx, organiserId, [pupil.id], trendFrom, to),
    () => findGuardians(tx, organiserId, pupil.id),
    () => findPupilAbsences(tx, organiserId, pupil.id, from, to),
  );
  const teacherNames = await findActivityTeacherNames(tx, organiserId, [
    ...new Set(allLessons.map((l) => l.activityId)),
  ]);
  for (const lesson of allLessons) lesson.teacherIds = teacherNames.get(lesson.activityId) ?? [];
  const pupilCovers = covers.get(pupil.id) ?? [];
  const trendDays = dayFigures(allLessons.map((l) => lessonOutcome(l, pupilCovers)));
  const lessons = allLessons.filter((l) => l.date >= from);
  const outcomes = lessons.map((l) => lessonOutcome(l, pupilCovers));
  const days = dayFigures(outcomes);
  const months = [...new Set(eachDate(from, to).map(monthKey))];
  const isProtected = PROTECTED_MARKINGS.has(pupil.security_marking);
  return {
    pupil: {
      personId: pupil.id,
      givenName: pupil.given_name,
      familyName: pupil.family_name,
      isProtected,
      birthDate: pupil.birth_date,
      classNames: pupil.class_name ? [pupil.class_name] : [],
      schoolUnitName: pupil.school_unit_name,
      schoolYear: pupil.school_year,
    },
    // Protected identity: nothing that could locate the child or the family is shown.
    guardians: isProtected
      ? []
      : guardians.map((g) => ({
          personId: g.id,
          name: `${g.given_name} ${g.family_name}`,
          relationType: g.relation_type,
          emails: g.emails.map((e) => e.value),
          phoneNumbers: g.phone_numbers.map((p) => p.value),
        })),
    isGuardianInfoHidden: isProtected,
    period: { from, to },
    total: sumDays(days, from, to),
    months: months.map((key) => ({
      monthKey: key,
      figures: monthFigures(
        days.filter((d) => d.date >= from && d.date <= to),
        key,
      ),
    })),
    weeks: schoolWeeks(days).map((w) => ({
      weekKey: w.weekKey,
      monday: w.monday,
      figures: sumDays(days, w.monday, w.sunday),
      isIncomplete: w.isIncomplete,
      hasNoRegistration: w.hasNoRegistration,
    })),
    patterns: findPatterns(lessons, pupilCovers, from, to).sort(
      (a, b) => Number(b.isFlagged) - Number(a.isFlagged) || b.ratio - a.ratio,
    ),
    trend: trend(trendDays, to),
    timeline: lessons
      .map((l, i) => ({
        lessonId: l.lessonId,
        date: l.date,
        startTime: HHMM.format(new Date(l.start)),
        endTime: HHMM.format(new Date(l.end)),
        activityName: l.activityName,
        state: timelineState(l, outcomes[i]),
        scheduled: outcomes[i].scheduled,
        valid: outcomes[i].valid,
        invalid: outcomes[i].invalid,
        other: outcomes[i].other,
        known: outcomes[i].known,
        lateMinutes: outcomes[i].lateMinutes,
      }))
      .sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime)),
    absences: absences.map((a) => ({
      id: a.id,
      kind: a.kind,
      reasonCode: a.reason_code,
      startsAt: new Date(a.starts_at).toISOString(),
      endsAt: new Date(a.ends_at).toISOString(),
      comment: a.comment,
      source: a.source,
      isWithdrawn: a.withdrawn_at !== null,
    })),
  };
}
