/**
 * An SS12000 export shaped the way other platforms write it: times in Z, in +01:00, in another
 * zone and with a space and fractions; a lesson crossing midnight UTC; the teaching length in
 * `teachingLengthStudent` and per pupil in `studentExceptions`; a reported record with only a
 * `reportedTimestamp` and no minutes; a pupil in two groups of one activity; memberships closed
 * and opened mid-period; extra fields everywhere; a name in decomposed Unicode. The minutes and
 * day figures must equal the hand computation by docs/domain/measures.md, on the pupil page (computed
 * from the facts) and in the roll-up (pupil_days).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../../test/support.js';
import { createWorld, type World } from '../../../test/factories.js';
import { queryRows } from '../../../db/client.js';
import { importSs12000 } from './import-ss12000.js';

const meta = { created: '2026-01-14T08:00:00Z', modified: '2026-01-14T08:00:00Z' };
const ref = (id: string) => ({ id });
/** "Åsa Öhman" as a Mac-made export writes it: letters followed by combining marks (NFD). */
const NFD_GIVEN = 'A\u030asa';
const NFD_FAMILY = 'O\u0308hman';

describe('an SS12000 export in other platforms’ shapes gives the hand-computed figures', () => {
  let t: TestApp;
  let world: World;
  const [p1, p2, p3, g1, g2, activity] = Array.from({ length: 6 }, () => randomUUID());
  const lessons = Array.from({ length: 5 }, () => randomUUID());
  const [l1, l2, l3, l4, l5] = lessons;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, []);
    const unit = ref(world.schoolUnitId);
    const pupil = (id: string, givenName: string, familyName: string) => ({
      id,
      meta,
      givenName,
      familyName,
      vendorExtension: { house: 'Röd' },
      enrolments: [{ enroledAt: unit, schoolType: 'GR', schoolYear: 7, startDate: '2025-08-18', extra: 1 }],
    });
    const group = (id: string, groupType: string, members: Record<string, unknown>[]) => ({
      id,
      meta,
      displayName: groupType === 'Klass' ? '7C' : '7C Ma',
      groupType,
      organisation: unit,
      startDate: '2025-08-18',
      endDate: '2026-06-10',
      groupMemberships: members,
      _embedded: { ignored: true },
    });
    const event = (id: string, startTime: string, endTime: string, extra: Record<string, unknown> = {}) => ({
      id,
      meta,
      activity: ref(activity),
      startTime,
      endTime,
      rooms: [{ id: randomUUID() }],
      ...extra,
    });
    const attendance = (lesson: string, student: string, isReported: boolean, minutes: Record<string, number>) => ({
      id: randomUUID(),
      meta,
      calendarEvent: ref(lesson),
      student: ref(student),
      isReported,
      reporter: ref(randomUUID()),
      reportedTimestamp: '2026-01-13T16:02:11.123+01:00',
      ...minutes,
    });
    const report = await importSs12000(t.database, {
      organiserId: world.organiserId,
      actorUserId: null,
      files: {
        persons: {
          data: [pupil(p1, 'Pia', 'Ett'), pupil(p2, 'Per', 'Två'), pupil(p3, NFD_GIVEN, NFD_FAMILY)],
        },
        groups: {
          data: [
            group(g1, 'Klass', [
              { person: ref(p1) },
              { person: ref(p2), startDate: '2025-08-18', endDate: '2026-01-12' },
              { person: ref(p3), startDate: '2026-01-13' },
            ]),
            group(g2, 'Undervisning', [{ person: ref(p1), startDate: '2025-08-18' }]),
          ],
        },
        activities: {
          data: [
            {
              id: activity,
              meta,
              displayName: 'Matematik 7C',
              activityType: 'Undervisning',
              organisation: unit,
              groups: [ref(g1), ref(g2)],
              startDate: '2025-08-18',
              calendarEventsRequired: true,
              minutesPlanned: 3000,
            },
          ],
        },
        calendarEvents: {
          data: [
            // Monday 12 January: 08:00–09:00 written in UTC; 09:15–10:15 with 50 teaching minutes.
            event(l1, '2026-01-12T07:00:00Z', '2026-01-12T08:00:00Z'),
            event(l2, '2026-01-12T09:15:00+01:00', '2026-01-12T10:15:00+01:00', { teachingLengthStudent: 50 }),
            // Tuesday 13 January: 00:30–01:30 local (crosses midnight UTC), 09:00–10:00 written in
            // New York time, 10:30–11:30 with a space and fractions, where P1 has 45 minutes.
            event(l3, '2026-01-12T23:30:00Z', '2026-01-13T00:30:00Z'),
            event(l4, '2026-01-13T03:00:00-05:00', '2026-01-13T04:00:00-05:00'),
            event(l5, '2026-01-13 10:30:00.000+01:00', '2026-01-13 11:30:00.000+01:00', {
              studentExceptions: [{ student: ref(p1), participates: true, teachingLength: 45 }],
            }),
          ],
        },
        attendances: {
          data: [
            attendance(l1, p1, true, { attendanceMinutes: 45, invalidAbsenceMinutes: 15 }),
            attendance(l1, p2, true, { attendanceMinutes: 60 }),
            // Reported, but the platform gave no minutes: nothing is known of this pupil's lesson.
            attendance(l2, p1, true, {}),
            attendance(l2, p2, true, { validAbsenceMinutes: 50 }),
            attendance(l3, p1, true, { invalidAbsenceMinutes: 60 }),
            attendance(l3, p3, true, { attendanceMinutes: 60 }),
            // P1 has no record at l4: the lesson is confirmed by P3's record only.
            attendance(l4, p3, true, { attendanceMinutes: 60 }),
            attendance(l5, p1, true, { validAbsenceMinutes: 45 }),
            attendance(l5, p3, false, { attendanceMinutes: 60 }),
          ],
        },
      },
    });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('applied');
  });
  afterAll(() => t.close());

  it('places every lesson on its Stockholm date with its teaching length', async () => {
    const rows = await queryRows<{ id: string; local_date: string; teaching_minutes: number }>(
      t.database.db,
      sql`select id, local_date::text as local_date, teaching_minutes from lessons
      where organiser_id = ${world.organiserId} and activity_id = ${activity}`,
    );
    const byId = new Map(rows.map((r) => [r.id, [r.local_date, r.teaching_minutes]]));
    expect(lessons.map((id) => byId.get(id))).toEqual([
      ['2026-01-12', 60],
      ['2026-01-12', 50],
      ['2026-01-13', 60],
      ['2026-01-13', 60],
      ['2026-01-13', 60],
    ]);
  });

  it('gives each pupil the hand-computed minutes and days, on the pupil page and in the roll-up', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const totalOf = async (personId: string) => {
      const res = await principal.request({
        method: 'GET',
        url: `/api/pupils/${personId}?from=2026-01-12&to=2026-01-13`,
      });
      expect(res.statusCode).toBe(200);
      return res.json().total;
    };
    // P1, in both groups, is scheduled once: 60 + 50 + 60 + 60 + 45 = 275; known: l1 60, l3 60, l5 45.
    expect(await totalOf(p1)).toMatchObject({
      scheduled: 275,
      known: 165,
      attended: 45,
      valid: 45,
      invalid: 75,
      absentDays: 0,
      absenceOccasions: 2,
    });
    // P2 left the class after Monday: l1 and l2 only.
    expect(await totalOf(p2)).toMatchObject({
      scheduled: 110,
      known: 110,
      attended: 60,
      valid: 50,
      invalid: 0,
      absenceOccasions: 1,
    });
    // P3 joined on Tuesday: l3, l4 present; l5 not reported, unknown.
    expect(await totalOf(p3)).toMatchObject({ scheduled: 180, known: 120, attended: 120, valid: 0, invalid: 0 });

    const days = await queryRows<{
      person_id: string;
      date: string;
      scheduled: number;
      known: number;
      valid: number;
      invalid: number;
    }>(
      t.database.db,
      sql`select person_id, date::text as date, scheduled, known, valid, invalid from pupil_days
      where organiser_id = ${world.organiserId} and person_id in (${p1}, ${p2}, ${p3}) order by date`,
    );
    const dayOf = (personId: string) =>
      days.filter((d) => d.person_id === personId).map(({ person_id, ...rest }) => rest);
    expect(dayOf(p1)).toEqual([
      { date: '2026-01-12', scheduled: 110, known: 60, valid: 0, invalid: 15 },
      { date: '2026-01-13', scheduled: 165, known: 105, valid: 45, invalid: 60 },
    ]);
    expect(dayOf(p2)).toEqual([{ date: '2026-01-12', scheduled: 110, known: 110, valid: 50, invalid: 0 }]);
    expect(dayOf(p3)).toEqual([{ date: '2026-01-13', scheduled: 180, known: 120, valid: 0, invalid: 0 }]);
  });

  it('stores a decomposed name composed (NFC), so a search typed on a keyboard finds it', async () => {
    const [row] = await queryRows<{ given_name: string; family_name: string }>(
      t.database.db,
      sql`select given_name, family_name from persons where organiser_id = ${world.organiserId} and id = ${p3}`,
    );
    expect(row).toEqual({ given_name: 'Åsa', family_name: 'Öhman' });
    expect(row.given_name).toBe(NFD_GIVEN.normalize('NFC'));
  });
});
