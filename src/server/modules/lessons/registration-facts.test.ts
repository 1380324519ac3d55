/**
 * A registration computes its pupils' new day figures from the day it read, changed in memory
 * (afterRegistration), instead of reading it again. After every registration and correction of a
 * deterministic-random sequence, every derived row (pupil days, roll-ups, pending same-day notices)
 * must equal a recomputation from the raw facts, and the answer must equal a fresh read of the
 * register (its history too, capped at the newest HISTORY_PAGE_SIZE entries with the total and a
 * cursor, for a lesson corrected more often than that). The world has what could make the in-memory change differ from a read: import-confirmed
 * lessons with imported marks, mentors correcting only their mentees, a pupil in two of the lesson's
 * groups, a second membership span, an ended membership, lesson exceptions, covering reports, and
 * registrations on today's date (notices written and withdrawn).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, logInAs, settableClock, testConfig, type Session, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { readDerivedRows, storedAndRecomputed } from '../../test/derived-rows.js';
import { schema } from '../../db/client.js';
import { localDateTimeToInstant } from '../../../shared/dates/index.js';
import { HISTORY_PAGE_SIZE, type LessonDetail, type MarkInput } from '../../../shared/schemas/lessons.js';
import { keepRollupCuts } from '../statistics/rollup-cuts.js';
import { loadLessonRoster } from '../measures/lesson-facts.js';
import { recomputePupilDays } from '../measures/recompute-pupil-days.js';
import { noticeTimingOf, syncSameDayNotices } from '../messages/same-day-notices.js';

// Wednesday 2026-01-14 09:00 in Stockholm; the day before is history (corrections).
const clock = settableClock('2026-01-14T08:00:00Z');
const YESTERDAY = '2026-01-13';
const TODAY = '2026-01-14';
const DATES = [YESTERDAY, TODAY];
const SLOTS = ['08:00', '09:15', '10:30'];
const EPISODES = 4;
const STEPS_PER_EPISODE = 10;

/** A small deterministic generator, so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Picks one of `items` by the generator `next`. */
const picker =
  (next: () => number) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)];

type Imported = { isReported: boolean; attended: number; valid: number; invalid: number; other: number };

describe('a registration leaves the derived rows a fresh read would give', () => {
  let t: TestApp;
  let world: World;
  let teacher: Session;
  let otherTeacher: Session;
  let mentor: Session;
  let principal: Session;
  let parent: Session;
  /** Class 7A pupils: 0 also in the teaching group, 1 with two membership spans, 2 left 7A yesterday, 3 and 4 with lesson exceptions. */
  let a: string[];
  /** Class 7B pupils: 0 also in the teaching group (so in 7A's lessons too), 1 left it yesterday. */
  let b: string[];
  const lessonA = (date: string, slot: string) => world.lessonsA.get(`${date} ${slot}`)!;
  const lessonB = (date: string, slot: string) => world.lessonsB.get(`${date} ${slot}`)!;
  const db = () => t.database.db;
  const at = (date: string, hhmm: string) => new Date(localDateTimeToInstant(date, hhmm));

  /** What an SS12000 import leaves: imported marks and, when any is reported, an import confirmation (no notices: imports do not message). */
  async function importAttendance(lessonId: string, date: string, records: Map<string, Imported>, confirmed: boolean) {
    const { organiserId } = world;
    await db().transaction(async (tx) => {
      const ofLesson = (table: typeof schema.attendanceMarks | typeof schema.lessonConfirmations) =>
        and(eq(table.organiserId, organiserId), eq(table.lessonId, lessonId));
      await tx.delete(schema.attendanceMarks).where(ofLesson(schema.attendanceMarks));
      await tx.delete(schema.lessonConfirmations).where(ofLesson(schema.lessonConfirmations));
      if (records.size > 0)
        await tx.insert(schema.attendanceMarks).values(
          [...records].map(([personId, importedMinutes]) => ({
            organiserId,
            lessonId,
            personId,
            kind: 'imported',
            importedMinutes,
            externalId: randomUUID(),
          })),
        );
      if (confirmed) await tx.insert(schema.lessonConfirmations).values({ organiserId, lessonId, source: 'import' });
      const pupils = [...a, ...b];
      await recomputePupilDays(tx, organiserId, pupils, date, date);
      // The test starts each step from consistent derived rows, notices included.
      await syncSameDayNotices(tx, organiserId, pupils, date, date, noticeTimingOf(clock, testConfig()));
    });
  }

  async function confirmationSource(lessonId: string): Promise<string | null> {
    const [row] = await db()
      .select({ source: schema.lessonConfirmations.source })
      .from(schema.lessonConfirmations)
      .where(
        and(
          eq(schema.lessonConfirmations.organiserId, world.organiserId),
          eq(schema.lessonConfirmations.lessonId, lessonId),
        ),
      );
    return row?.source ?? null;
  }

  async function expectFreshDerivedRows(label: string) {
    const { stored, recomputed } = await storedAndRecomputed(t.database, world.organiserId, TODAY);
    expect(stored, label).toEqual(recomputed);
    return stored;
  }

  const view = async (session: Session, lessonId: string): Promise<LessonDetail> => {
    const response = await session.request({ method: 'GET', url: `/api/lessons/${lessonId}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  /**
   * Sends a registration, then checks the derived rows against a recomputation and the answer
   * against a fresh read of the register. Returns the derived rows.
   */
  async function register(session: Session, lessonId: string, marks: MarkInput[], label: string, status = 200) {
    const context = `${label}: PUT ${lessonId} ${JSON.stringify(marks)}`;
    const response = await session.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks },
    });
    expect(response.statusCode, `${context} → ${response.body}`).toBe(status);
    const rows = await expectFreshDerivedRows(context);
    if (status === 200)
      expect(response.json(), `${context}: answer vs fresh read`).toEqual(await view(session, lessonId));
    return rows;
  }

  /** The register as it stands, resent: what a client sends for pupils it does not change (imported marks stand when left out). */
  const unchanged = (entry: LessonDetail['roster'][number]): MarkInput[] => {
    const mark = entry.mark;
    if (!mark || mark.kind === 'imported') return [];
    return [
      {
        personId: entry.personId,
        kind: mark.kind,
        ...(mark.minutes === null ? {} : { minutes: mark.minutes }),
        ...(mark.reasonCode === null ? {} : { reasonCode: mark.reasonCode }),
        ...(mark.comment === null ? {} : { comment: mark.comment }),
      },
    ];
  };

  beforeAll(async () => {
    t = await buildTestApp({}, clock);
    world = await createWorld(t.database, DATES, { pupilsPerClass: 6 });
    const { organiserId, schoolUnitId } = world;
    a = world.pupilsA;
    b = world.pupilsB;
    // A teaching group of 7A's activity next to the class: a[0] is in both, b[0] only through it, b[1] left it yesterday.
    const teachingGroup = randomUUID();
    await db().insert(schema.groups).values({
      organiserId,
      id: teachingGroup,
      schoolUnitId,
      displayName: 'Ma7',
      groupType: 'Undervisning',
      startDate: '2025-08-01',
    });
    await db()
      .insert(schema.activityGroups)
      .values({ organiserId, activityId: world.activityA, groupId: teachingGroup });
    await db()
      .insert(schema.groupMemberships)
      .values([
        { organiserId, groupId: teachingGroup, personId: a[0], startDate: '2025-08-01' },
        { organiserId, groupId: teachingGroup, personId: b[0], startDate: '2025-08-01' },
        { organiserId, groupId: teachingGroup, personId: b[1], startDate: '2025-08-01', endDate: YESTERDAY },
      ]);
    const classAMembership = (personId: string) =>
      and(
        eq(schema.groupMemberships.organiserId, organiserId),
        eq(schema.groupMemberships.groupId, world.classA),
        eq(schema.groupMemberships.personId, personId),
      );
    // a[1]: a first span ending yesterday and a second from yesterday (two spans that day); a[2] left 7A yesterday.
    for (const personId of [a[1], a[2]])
      await db().update(schema.groupMemberships).set({ endDate: YESTERDAY }).where(classAMembership(personId));
    await db()
      .insert(schema.groupMemberships)
      .values({ organiserId, groupId: world.classA, personId: a[1], startDate: YESTERDAY });
    // a[3] does not take part in today's second lesson and has 30 minutes of yesterday's third; a[4] 45 of today's third.
    await db()
      .insert(schema.lessonStudentExceptions)
      .values([
        { organiserId, lessonId: lessonA(TODAY, '09:15'), personId: a[3], participates: false },
        { organiserId, lessonId: lessonA(YESTERDAY, '10:30'), personId: a[3], participates: true, teachingMinutes: 30 },
        { organiserId, lessonId: lessonA(TODAY, '10:30'), personId: a[4], participates: true, teachingMinutes: 45 },
      ]);
    // Guardian reports covering parts of today's lessons (the first lesson's late minutes stay uncovered).
    await db()
      .insert(schema.absences)
      .values([
        {
          organiserId,
          id: randomUUID(),
          personId: a[0],
          kind: 'guardianReport',
          startsAt: at(TODAY, '09:45'),
          endsAt: at(TODAY, '11:00'),
        },
        {
          organiserId,
          id: randomUUID(),
          personId: a[4],
          kind: 'guardianReport',
          startsAt: at(TODAY, '10:30'),
          endsAt: at(TODAY, '11:00'),
        },
      ]);
    // Cut dates kept, as after the nightly job: registrations must keep the "to date" rows right too.
    await db().transaction((tx) => keepRollupCuts(tx, organiserId, [TODAY]));
    const reported = (minutes: Partial<Imported>): Imported => ({
      isReported: true,
      attended: 0,
      valid: 0,
      invalid: 0,
      other: 0,
      ...minutes,
    });
    const notReported: Imported = { isReported: false, attended: 0, valid: 0, invalid: 60, other: 0 };
    await importAttendance(
      lessonA(TODAY, '08:00'),
      TODAY,
      new Map([
        [a[0], reported({ attended: 40, invalid: 20 })],
        [a[1], reported({ attended: 60 })],
        [b[0], notReported],
      ]),
      true,
    );
    await importAttendance(
      lessonA(YESTERDAY, '08:00'),
      YESTERDAY,
      new Map([
        [a[0], reported({ valid: 60 })],
        [a[3], reported({ attended: 30, invalid: 30 })],
      ]),
      true,
    );
    // Only a record that is not reported: the lesson stays unconfirmed.
    await importAttendance(lessonA(YESTERDAY, '09:15'), YESTERDAY, new Map([[b[1], notReported]]), false);
    await importAttendance(
      lessonB(TODAY, '08:00'),
      TODAY,
      new Map([[b[0], reported({ attended: 50, invalid: 10 })]]),
      true,
    );
    const guardian = await addGuardian(t.database, world, 'Vera', { pupilIds: [a[0], a[4], b[0]] });
    parent = await logInAs(t.app, guardian.username);
    teacher = await logInAs(t.app, world.usernames.teacher);
    otherTeacher = await logInAs(t.app, world.usernames.otherTeacher);
    mentor = await logInAs(t.app, world.usernames.mentor);
    principal = await logInAs(t.app, world.usernames.principal);
    await expectFreshDerivedRows('after setup');
  });
  afterAll(() => t.close());

  it('for registrations and corrections of import-confirmed and Närvaro-confirmed lessons', async () => {
    const first = lessonA(TODAY, '08:00');
    // The roster is what the world says: two groups, two spans, an ended membership, an exception.
    const roster = (await view(teacher, first)).roster.map((p) => p.personId).sort();
    expect(roster).toEqual([...a.filter((p) => p !== a[2]), b[0]].sort());
    expect((await view(teacher, lessonA(TODAY, '09:15'))).roster.map((p) => p.personId)).not.toContain(a[3]);

    // A mentor corrects own mentees on an import-confirmed lesson: a[4] (no record) absent, a[0]'s
    // imported record overridden by lateness on the first lesson; b[0]'s record (not a mentee) stands.
    const mentorMarks: MarkInput[] = [
      { personId: a[4], kind: 'absent' },
      { personId: a[0], kind: 'late', minutes: 25 },
    ];
    const afterMentor = await register(mentor, first, mentorMarks, 'mentor on import-confirmed');
    expect(await confirmationSource(first)).toBe('import');
    expect(afterMentor.pendingNotices).toContain(a[4]);
    await register(mentor, first, mentorMarks, 'mentor sends the same again');
    // The teacher's kvittens without overriding a[1]'s and b[0]'s records: they stand, the confirmation becomes Närvaro's.
    await register(teacher, first, mentorMarks, 'teacher keeps imported marks');
    expect(await confirmationSource(first)).toBe('narvaro');
    // ... and then overrides them.
    await register(
      teacher,
      first,
      [...mentorMarks, { personId: b[0], kind: 'present' }, { personId: a[1], kind: 'left', minutes: 10 }],
      'teacher overrides imported marks',
    );

    // Rektor confirms 7B's import-confirmed lesson without changing a mark.
    await register(principal, lessonB(TODAY, '08:00'), [], 'principal on import-confirmed, no marks');
    expect(await confirmationSource(lessonB(TODAY, '08:00'))).toBe('narvaro');
    await register(otherTeacher, lessonB(TODAY, '09:15'), [{ personId: b[0], kind: 'absent' }], '7B second lesson');

    // A Närvaro-confirmed lesson with covers and a shorter exception lesson, then a mentor's correction.
    const third = lessonA(TODAY, '10:30');
    await register(
      teacher,
      third,
      [
        { personId: a[4], kind: 'absent' },
        { personId: a[0], kind: 'left', minutes: 30 },
        { personId: b[0], kind: 'other' },
      ],
      'teacher, third lesson',
    );
    await register(
      mentor,
      third,
      [
        { personId: a[0], kind: 'other' },
        { personId: b[0], kind: 'other' },
      ],
      'mentor removes a mark and changes one on a Närvaro-confirmed lesson',
    );
    expect(await confirmationSource(third)).toBe('narvaro');
    // A mentor may not change a pupil who is not a mentee (b[0]'s mark left out = removed): 403, nothing changes.
    await register(mentor, third, [{ personId: a[0], kind: 'other' }], 'mentor outside own mentees', 403);

    // Rektor corrects yesterday's import-confirmed lesson: a[3]'s record overridden, a[0]'s stands.
    await register(
      principal,
      lessonA(YESTERDAY, '08:00'),
      [{ personId: a[3], kind: 'present' }],
      'principal on import-confirmed',
    );
    expect(await confirmationSource(lessonA(YESTERDAY, '08:00'))).toBe('narvaro');

    // a[3] does not take part in today's second lesson: a mark for them is refused.
    const second = lessonA(TODAY, '09:15');
    await register(teacher, second, [{ personId: a[3], kind: 'absent' }], 'pupil with participates false', 400);
    await register(teacher, second, [{ personId: a[0], kind: 'late', minutes: 20 }], 'late, second lesson');
    await register(teacher, second, [{ personId: a[0], kind: 'late', minutes: 5 }], 'late minutes changed');
    await register(
      teacher,
      second,
      [{ personId: a[0], kind: 'late', minutes: 5, comment: 'Bussen' }],
      'only a comment changed',
    );

    // A mentor confirms an unconfirmed lesson (with a record that is not reported) by correcting a mentee.
    await register(mentor, lessonA(YESTERDAY, '09:15'), [{ personId: a[1], kind: 'absent' }], 'mentor on unconfirmed');
    expect(await confirmationSource(lessonA(YESTERDAY, '09:15'))).toBe('narvaro');

    // a[4] back to present on the first lesson: today's notice is withdrawn; absent again, it comes back.
    const present = await register(teacher, first, mentorMarks.slice(1), 'notice withdrawn');
    expect(present.pendingNotices).not.toContain(a[4]);
    const absentAgain = await register(teacher, first, mentorMarks, 'notice back');
    expect(absentAgain.pendingNotices).toContain(a[4]);
  });

  it('for a deterministic-random sequence of imports, registrations, corrections and reports', async () => {
    const next = random(8);
    const pick = picker(next);
    const lessons = DATES.flatMap((date) =>
      SLOTS.flatMap((slot) => [
        { key: `7A ${date} ${slot}`, id: lessonA(date, slot), date, ofA: true },
        { key: `7B ${date} ${slot}`, id: lessonB(date, slot), date, ofA: false },
      ]),
    );
    const randomImported = (teachingMinutes: number): Imported => {
      const invalid = Math.floor(next() * (teachingMinutes + 1));
      const valid = Math.floor(next() * (teachingMinutes - invalid + 1));
      return { isReported: next() < 0.75, attended: teachingMinutes - invalid - valid, valid, invalid, other: 0 };
    };
    const randomMark = (personId: string, teachingMinutes: number): MarkInput[] => {
      const r = next();
      const minutes = () => pick([1, 5, 19, 20, 25, teachingMinutes]);
      const extra = () =>
        next() < 0.2
          ? { reasonCode: pick(['reported', 'illnessDuringDay']), ...(next() < 0.5 ? { comment: 'Noterat' } : {}) }
          : {};
      if (r < 0.2) return [];
      if (r < 0.3) return [{ personId, kind: 'present' }];
      if (r < 0.5) return [{ personId, kind: 'absent', ...extra() }];
      if (r < 0.7) return [{ personId, kind: 'late', minutes: minutes(), ...extra() }];
      if (r < 0.85) return [{ personId, kind: 'left', minutes: minutes(), ...extra() }];
      return [{ personId, kind: 'other', ...extra() }];
    };

    /** Who registered what kind of lesson, and how registrations moved the notices: the sequence must have reached each case. */
    const seen = new Set<string>();
    let notices = (await readDerivedRows(db(), world.organiserId, TODAY)).pendingNotices;
    const noticesMoved = (now: string[], byRegistration = true) => {
      if (byRegistration && now.some((p) => !notices.includes(p))) seen.add('notice written');
      if (byRegistration && notices.some((p) => !now.includes(p))) seen.add('notice withdrawn');
      notices = now;
    };
    for (let episode = 0; episode < EPISODES; episode++) {
      // An import of some lessons, as the nightly SS12000 run leaves them; half the steps work on them.
      const imported = lessons.filter(() => next() < 0.3);
      for (const lesson of imported) {
        const roster = await loadLessonRoster(db(), world.organiserId, lesson.id, lesson.date);
        const records = new Map(
          roster.filter(() => next() < 0.6).map((p) => [p.personId, randomImported(p.teachingMinutes)] as const),
        );
        const confirmed = [...records.values()].some((r) => r.isReported);
        await importAttendance(lesson.id, lesson.date, records, confirmed);
      }
      noticesMoved((await expectFreshDerivedRows(`episode ${episode}: after the import`)).pendingNotices, false);

      for (let step = 0; step < STEPS_PER_EPISODE; step++) {
        const label = `episode ${episode} step ${step}`;
        if (next() < 0.08) {
          // A guardian reports part of today, which the next registrations read as covers.
          const from = pick(['08:00', '08:30', '09:30', '10:00']);
          const report = await parent.request({
            method: 'POST',
            url: '/api/guardian/absences',
            payload: {
              pupilIds: [pick([a[0], a[4], b[0]])],
              fromDate: TODAY,
              toDate: TODAY,
              fromTime: from,
              toTime: pick(['10:45', '11:30']),
              reasonCode: 'reported',
            },
          });
          expect(report.statusCode, report.body).toBe(201);
          noticesMoved((await expectFreshDerivedRows(`${label}: guardian report`)).pendingNotices, false);
          continue;
        }
        const lesson = imported.length > 0 && next() < 0.5 ? pick(imported) : pick(lessons);
        const confirmedBy = (await confirmationSource(lesson.id)) ?? 'nobody';
        // A teacher's or rektor's kvittens makes an import's confirmation Närvaro's: mentors get the first turn more often.
        const [name, session]: readonly [string, Session] = lesson.ofA
          ? pick([
              ['teacher', teacher],
              ['mentor', mentor],
              ['principal', principal],
              confirmedBy === 'import' ? ['mentor', mentor] : ['teacher', teacher],
            ] as const)
          : pick([
              ['otherTeacher', otherTeacher],
              ['principal', principal],
            ] as const);
        const current = await view(session, lesson.id);
        const marks = current.roster.flatMap((entry) =>
          !entry.canChange || next() < 0.3 ? unchanged(entry) : randomMark(entry.personId, entry.teachingMinutes),
        );
        seen.add(`${name === 'otherTeacher' ? 'teacher' : name} on a lesson confirmed by ${confirmedBy}`);
        noticesMoved((await register(session, lesson.id, marks, `${label}: ${name} on ${lesson.key}`)).pendingNotices);
        // The same register sent twice: nothing changes.
        if (next() < 0.25) {
          seen.add('sent twice');
          noticesMoved(
            (await register(session, lesson.id, marks, `${label}: ${name} again on ${lesson.key}`)).pendingNotices,
          );
        }
      }
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'mentor on a lesson confirmed by import',
        'mentor on a lesson confirmed by narvaro',
        'notice withdrawn',
        'notice written',
        'principal on a lesson confirmed by import',
        'principal on a lesson confirmed by narvaro',
        'sent twice',
        'teacher on a lesson confirmed by import',
        'teacher on a lesson confirmed by nobody',
      ]),
    );
  });

  it('for a lesson corrected more often than the register view shows its history', async () => {
    // The answer carries only the newest HISTORY_PAGE_SIZE entries, the total and a cursor, worked
    // out from the page read before and the rows written: it must still equal a fresh read. Most
    // registrations here share one time (ties go by id); some run with the clock behind the rows
    // before them (their rows are older than the page).
    const lessonId = lessonB(YESTERDAY, '10:30');
    const pick = picker(random(21));
    const kinds = ['absent', 'other', 'present'] as const;
    let answer: LessonDetail | null = null;
    try {
      for (let step = 0; answer === null || answer.historyTotal <= 2 * HISTORY_PAGE_SIZE; step++) {
        if (step % 5 === 4) clock.set('2026-01-14T07:00:00Z');
        else clock.set('2026-01-14T08:00:00Z');
        const session = pick([otherTeacher, principal]);
        const { roster } = await view(session, lessonId);
        const marks = roster.map((p) => ({ personId: p.personId, kind: pick(kinds) }));
        await register(session, lessonId, marks, `history step ${step}`);
        answer = await view(session, lessonId);
      }
    } finally {
      clock.set('2026-01-14T08:00:00Z');
    }
    expect(answer.history).toHaveLength(HISTORY_PAGE_SIZE);
    expect(answer.historyCursor).not.toBeNull();
  });
});
