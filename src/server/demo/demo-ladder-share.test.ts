// The demo must look like a real school (issue 16, item 6): about 10–15 % of a school's pupils on
// a step of the demo's ladder (Stockholm's) on any day of the autumn term. Checked on the absence
// model's output with the pure ladder engine, evaluated at the same checkpoints the demo load uses
// (every month's end, then the day), so the test needs no database.
import { describe, expect, it } from 'vitest';
import { replayLadder } from '../../shared/ladders/index.js';
import { LADDER_PRESETS } from '../../shared/ladders/presets/index.js';
import type { DayFigures } from '../../shared/measures/index.js';
import { generateDemo } from './generate-demo.js';
import { DEMO_TERMS, daysBetween } from './calendar.js';
import type {
  Ss12000Absence,
  Ss12000Activity,
  Ss12000Attendance,
  Ss12000CalendarEvent,
  Ss12000Group,
  Ss12000Person,
} from './ss12000-types.js';

/** The autumn term's last school day: the model's past never changes when the demo date moves. */
const TERM_END = '2026-12-18';
// From the term's first completed month (September) on: before that a step can only come from
// August's ten school days or the spring, and the early-September share is lower (about 7–10 %).
const DATES = ['2026-10-05', '2026-10-26', '2026-11-16', '2026-12-07', TERM_END];

const emptyDay = (date: string): DayFigures => ({
  date,
  scheduled: 0,
  known: 0,
  attended: 0,
  valid: 0,
  invalid: 0,
  other: 0,
  lateCount: 0,
  lateMinutes: 0,
});

/**
 * Pupil × day figures as the import's roll-up computes them: the registered minutes, and, as
 * measures.md says, a guardian report or granted leave over a lesson nobody registered makes its
 * minutes known valid absence (so poorly registering teachers' pupils get their reports counted).
 */
function dayFigures(today: string) {
  const data = generateDemo({ today });
  const f = data.files;
  const activities = new Map((f.activities as Ss12000Activity[]).map((a) => [a.id, a]));
  const groups = new Map((f.groups as Ss12000Group[]).map((g) => [g.id, g]));
  const days = new Map<string, Map<string, DayFigures>>();
  const unitOf = new Map<string, string>();
  const dayOf = (pupil: string, date: string) => {
    const byDate = days.get(pupil) ?? days.set(pupil, new Map()).get(pupil)!;
    return byDate.get(date) ?? byDate.set(date, emptyDay(date)).get(date)!;
  };
  const registered = new Set<string>();
  const events = new Map((f.calendarEvents as Ss12000CalendarEvent[]).map((e) => [e.id, e]));
  for (const a of f.attendances as Ss12000Attendance[]) {
    const event = events.get(a.calendarEvent.id)!;
    registered.add(`${a.calendarEvent.id} ${a.student.id}`);
    unitOf.set(a.student.id, activities.get(event.activity.id)!.organisation.id);
    const day = dayOf(a.student.id, event.startTime.slice(0, 10));
    const known = a.attendanceMinutes + a.validAbsenceMinutes + a.invalidAbsenceMinutes + a.otherAttendanceMinutes;
    day.scheduled += known;
    day.known += known;
    day.attended += a.attendanceMinutes;
    day.valid += a.validAbsenceMinutes;
    day.invalid += a.invalidAbsenceMinutes;
    day.other += a.otherAttendanceMinutes;
  }
  const covers = new Map<string, { start: number; end: number }[]>();
  for (const a of f.absences as Ss12000Absence[])
    (covers.get(a.student.id) ?? covers.set(a.student.id, []).get(a.student.id)!).push({
      start: Date.parse(a.startTime),
      end: Date.parse(a.endTime),
    });
  for (const event of events.values()) {
    const date = event.startTime.slice(0, 10);
    if (event.cancelled || date > today) continue;
    const start = Date.parse(event.startTime);
    const end = Date.parse(event.endTime);
    const excluded = new Set((event.studentExceptions ?? []).filter((x) => !x.participates).map((x) => x.student.id));
    for (const groupRef of activities.get(event.activity.id)!.groups)
      for (const m of groups.get(groupRef.id)!.groupMemberships) {
        const pupil = m.person.id;
        if (m.startDate > date || (m.endDate && m.endDate < date) || excluded.has(pupil)) continue;
        if (registered.has(`${event.id} ${pupil}`)) continue;
        const covered = (covers.get(pupil) ?? []).reduce(
          (n, c) => n + Math.max(0, Math.min(end, c.end) - Math.max(start, c.start)),
          0,
        );
        if (covered === 0) continue;
        const minutes = Math.round(Math.min(covered, end - start) / 60_000);
        const day = dayOf(pupil, date);
        day.scheduled += minutes;
        day.known += minutes;
        day.valid += minutes;
      }
  }
  const enrolled = new Set((f.persons as Ss12000Person[]).filter((p) => p.enrolments).map((p) => p.id));
  return { days, unitOf, enrolled };
}

describe('the demo school on an autumn day', () => {
  it('has about 10–15 % of each school’s pupils on a ladder step, whatever the date', () => {
    const { days, unitOf, enrolled } = dayFigures(TERM_END);
    const ladder = LADDER_PRESETS.stockholm;
    const first = DEMO_TERMS[0].startDate;
    // Day by day from the ladder's first day, as the load's evaluation (and the nightly run) does.
    const counts = new Map<string, { pupils: number; onStep: number }>();
    for (const [pupil, byDate] of days) {
      if (!enrolled.has(pupil)) continue;
      const rows = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
      const results = replayLadder(ladder, { days: rows, terms: DEMO_TERMS }, first, TERM_END);
      for (const date of DATES) {
        const key = `${date} ${unitOf.get(pupil)!.slice(0, 8)}`;
        const c = counts.get(key) ?? counts.set(key, { pupils: 0, onStep: 0 }).get(key)!;
        c.pupils += 1;
        if (results[daysBetween(first, date)].stepIndex > 0) c.onStep += 1;
      }
    }
    const shares: Record<string, Record<string, number>> = {};
    for (const [key, c] of counts) {
      const [date, unit] = key.split(' ');
      (shares[date] ??= {})[unit] = Math.round((1000 * c.onStep) / c.pupils) / 10;
    }
    for (const [date, byUnit] of Object.entries(shares))
      for (const [unit, percent] of Object.entries(byUnit))
        expect({ date, unit, percent }).toEqual({
          date,
          unit,
          percent: expect.toSatisfy((p: number) => p >= 10 && p <= 15),
        });
  });
});
