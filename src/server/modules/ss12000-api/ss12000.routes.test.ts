// SS12000 v2.1 read API: Bearer API tokens bound to the routes, the official schema on every
// answer, paging to the end, 400/401, tenancy, audit, and aggregated minutes that equal the
// measures module's figures for the same pupils and period (issue 13, section 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { buildTestApp, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { createApiToken } from '../api-tokens/commands/create-api-token.js';
import { hashApiToken } from '../api-tokens/api-token.js';
import { assertSs12000 } from './test/official-schema.js';
import { uuidArray } from '../../db/sql.js';

const DATES = ['2026-01-12', '2026-01-13'];
const BASE = '/ss12000/v2.1';

describe('SS12000 read API', () => {
  let t: TestApp;
  let world: World;
  let other: World;
  let token: string;
  let otherToken: string;
  let reportAt: Date;

  const get = (url: string, bearer: string | null = token) =>
    t.app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

  /** Every page of an endpoint, each page checked against the official schema. */
  async function allPages(
    endpoint: string,
    listSchema: string,
    query: string,
    bearer = token,
  ): Promise<{ records: any[]; pages: number }> {
    const records: any[] = [];
    let url = `${BASE}/${endpoint}?${query}`;
    for (let pages = 1; pages < 100; pages++) {
      const response = await get(url, bearer);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      assertSs12000(listSchema, body);
      records.push(...body.data);
      if (body.pageToken === null || body.pageToken === undefined) return { records, pages };
      url =
        `${BASE}/${endpoint}?limit=${new URLSearchParams(query).get('limit') ?? ''}&pageToken=${encodeURIComponent(body.pageToken)}`.replace(
          'limit=&',
          '',
        );
    }
    throw new Error('paging did not end');
  }

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
    other = await createWorld(t.database, DATES);
    const db = t.database.db;
    const [a0, a1] = world.pupilsA;
    // The protected pupil has an address on file: it must never leave through this API.
    await db
      .update(schema.persons)
      .set({ addresses: [{ type: 'Folkbokföring', streetAddress: 'Hemliga vägen 1', locality: 'Gömstad' }] })
      .where(and(eq(schema.persons.organiserId, world.organiserId), eq(schema.persons.id, world.protectedPupil)));

    // Class A registered (a0 absent at 08:00 both days, a1 late 10 minutes at 09:15 on the 12th); class B never.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    for (const [key, lessonId] of world.lessonsA) {
      const marks: unknown[] = [];
      if (key.endsWith('08:00')) marks.push({ personId: a0, kind: 'absent' });
      if (key === '2026-01-12 09:15') marks.push({ personId: a1, kind: 'late', minutes: 10 });
      expect(
        (await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } }))
          .statusCode,
      ).toBe(200);
    }
    // In the other organiser one lesson is registered, so it has records of its own.
    const otherTeacher = await logInAs(t.app, other.usernames.teacher);
    expect(
      (
        await otherTeacher.request({
          method: 'PUT',
          url: `/api/lessons/${other.lessonsA.get('2026-01-12 08:00')}/registration`,
          payload: { marks: [] },
        })
      ).statusCode,
    ).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 20));
    reportAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A guardian report after the registration turns a0's absence on the 13th valid; class B (unregistered)
    // gets valid minutes from a report (b0, all of the 12th) and granted leave (b1, the 13th before 09:00).
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const principal = await logInAs(t.app, world.usernames.principal);
    expect(
      (
        await mentor.request({
          method: 'POST',
          url: `/api/pupils/${a0}/absences`,
          payload: {
            kind: 'guardianReport',
            fromDate: '2026-01-13',
            toDate: '2026-01-13',
            fromTime: '07:00',
            toTime: '12:00',
            reasonCode: 'reported',
          },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await principal.request({
          method: 'POST',
          url: `/api/pupils/${world.pupilsB[0]}/absences`,
          payload: { kind: 'guardianReport', fromDate: '2026-01-12', toDate: '2026-01-12' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await principal.request({
          method: 'POST',
          url: `/api/pupils/${world.pupilsB[1]}/absences`,
          payload: { kind: 'leave', fromDate: '2026-01-13', toDate: '2026-01-13', toTime: '09:00' },
        })
      ).statusCode,
    ).toBe(201);
    // A staff reason is not an SS12000 Absence (a day without lessons, so it moves no figure).
    expect(
      (
        await principal.request({
          method: 'POST',
          url: `/api/pupils/${world.pupilsA[2]}/absences`,
          payload: { kind: 'staffReason', fromDate: '2026-01-20', toDate: '2026-01-20' },
        })
      ).statusCode,
    ).toBe(201);

    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const created = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'Skolplattformen', scopes: ['ss12000:read'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    token = created.json().token;
    otherToken = (
      await db.transaction((tx) =>
        createApiToken(
          tx,
          { organiserId: other.organiserId, actorUserId: null },
          { name: 'Annan', scopes: ['ss12000:read'], origin: 'cli' },
        ),
      )
    ).token;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 in the SS12000 error shape without a valid token: none, unknown, without the scope, revoked', async () => {
    const db = t.database.db;
    const noScope = `narvaro_${randomUUID()}`;
    await db.insert(schema.apiTokens).values({
      organiserId: world.organiserId,
      id: randomUUID(),
      name: 'Utan behörighet',
      tokenHash: hashApiToken(noScope),
      scopes: [],
    });
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const revokedToken = (
      await admin.request({
        method: 'POST',
        url: '/api/api-tokens',
        payload: { name: 'Gammal', scopes: ['ss12000:read'] },
      })
    ).json();
    expect((await get(`${BASE}/absences`, revokedToken.token)).statusCode).toBe(200);
    expect(
      (await admin.request({ method: 'POST', url: `/api/api-tokens/${revokedToken.apiToken.id}/revoke` })).statusCode,
    ).toBe(200);

    for (const bearer of [null, 'nonsense', noScope, revokedToken.token]) {
      for (const endpoint of [
        'attendances',
        'absences',
        'aggregatedAttendance?startDate=2026-01-12&endDate=2026-01-13',
      ]) {
        const response = await get(`${BASE}/${endpoint}`, bearer);
        expect(response.statusCode).toBe(401);
        assertSs12000('Error', response.json());
        expect(response.json().code).toBe('API_TOKEN_INVALID');
      }
    }
    // A staff session is not an API token.
    const session = await admin.request({ method: 'GET', url: `${BASE}/absences` });
    expect(session.statusCode).toBe(401);
  });

  it('lists attendances of registered lessons, paged to the end, valid per the official schema, with no address anywhere', async () => {
    const { records, pages } = await allPages('attendances', 'Attendances', 'limit=5');
    // 6 registered lessons × 4 pupils of 7A; 7B was never registered.
    expect(records).toHaveLength(24);
    expect(pages).toBe(5);
    expect(new Set(records.map((r) => r.id)).size).toBe(24);
    expect(records.every((r) => r.isReported && world.pupilsA.includes(r.student.id))).toBe(true);
    const a0 = world.pupilsA[0];
    const at = (key: string, pupil: string) =>
      records.find((r) => r.calendarEvent.id === world.lessonsA.get(key) && r.student.id === pupil);
    expect(at('2026-01-12 08:00', a0)).toMatchObject({
      attendanceMinutes: 0,
      validAbsenceMinutes: 0,
      invalidAbsenceMinutes: 60,
      otherAttendanceMinutes: 0,
    });
    // Reported after the registration, yet valid.
    expect(at('2026-01-13 08:00', a0)).toMatchObject({
      attendanceMinutes: 0,
      validAbsenceMinutes: 60,
      invalidAbsenceMinutes: 0,
    });
    expect(at('2026-01-12 09:15', world.pupilsA[1])).toMatchObject({
      attendanceMinutes: 50,
      invalidAbsenceMinutes: 10,
    });
    expect(at('2026-01-12 10:30', world.pupilsA[1])).toMatchObject({
      attendanceMinutes: 60,
      validAbsenceMinutes: 0,
      invalidAbsenceMinutes: 0,
    });
    expect(
      records
        .filter((r) => r.student.id === world.protectedPupil)
        .every((r) => r.student.securityMarking === 'Skyddad folkbokföring'),
    ).toBe(true);
    expect(JSON.stringify(records)).not.toMatch(/Hemliga|Gömstad|address/i);
    // The same page twice gives the same ids (they are derived, not random).
    const again = (await get(`${BASE}/attendances?limit=5`)).json();
    expect(again.data.map((r: { id: string }) => r.id)).toEqual(records.slice(0, 5).map((r) => r.id));
  });

  it('filters attendances by student, calendar event, organisation and meta.modified', async () => {
    const a0 = world.pupilsA[0];
    expect((await allPages('attendances', 'Attendances', `student=${a0}`)).records).toHaveLength(6);
    expect(
      (await allPages('attendances', 'Attendances', `calendarEvent=${world.lessonsA.get('2026-01-12 08:00')}`)).records,
    ).toHaveLength(4);
    expect((await allPages('attendances', 'Attendances', `organisation=${world.schoolUnitId}`)).records).toHaveLength(
      24,
    );
    expect((await allPages('attendances', 'Attendances', `organisation=${world.organiserId}`)).records).toHaveLength(
      24,
    );
    expect((await allPages('attendances', 'Attendances', `organisation=${randomUUID()}`)).records).toHaveLength(0);
    // Only a0's three lessons on the 13th changed after the report time (the report covers 07:00–12:00).
    const changed = (
      await allPages('attendances', 'Attendances', `meta.modified.after=${encodeURIComponent(reportAt.toISOString())}`)
    ).records;
    expect(changed.map((r) => `${r.student.id} ${r.calendarEvent.id}`).sort()).toEqual(
      ['08:00', '09:15', '10:30'].map((time) => `${a0} ${world.lessonsA.get(`2026-01-13 ${time}`)}`).sort(),
    );
    const createdBefore = (
      await allPages('attendances', 'Attendances', `meta.created.before=${encodeURIComponent(reportAt.toISOString())}`)
    ).records;
    expect(createdBefore).toHaveLength(24);
  });

  it('answers 400 {code, message} for pageToken with filters, a foreign page token and bad parameters', async () => {
    const first = (await get(`${BASE}/attendances?limit=2`)).json();
    const cases: [string, string][] = [
      [
        `attendances?pageToken=${encodeURIComponent(first.pageToken)}&student=${world.pupilsA[0]}`,
        'PAGE_TOKEN_WITH_FILTERS',
      ],
      [`absences?pageToken=${encodeURIComponent(first.pageToken)}`, 'PAGE_TOKEN_INVALID'],
      ['attendances?pageToken=not-a-token', 'PAGE_TOKEN_INVALID'],
      // A hand-made token whose cursor is not a date nor a uuid: still a 400, never a 500.
      [
        `attendances?pageToken=${Buffer.from(JSON.stringify({ e: 'attendances', f: {}, c: { d: 'yesterday', l: 'x', p: 'y' } })).toString('base64url')}`,
        'PAGE_TOKEN_INVALID',
      ],
      [
        `absences?pageToken=${Buffer.from(JSON.stringify({ e: 'absences', f: { student: 'nope' }, c: { t: 'x', id: 'y' } })).toString('base64url')}`,
        'PAGE_TOKEN_INVALID',
      ],
      ['attendances?student=not-a-uuid', 'VALIDATION_FAILED'],
      ['attendances?limit=0', 'VALIDATION_FAILED'],
      ['attendances?colour=blue', 'VALIDATION_FAILED'],
      ['absences?type=Sjuk', 'VALIDATION_FAILED'],
      ['aggregatedAttendance?endDate=2026-01-13', 'VALIDATION_FAILED'],
      ['aggregatedAttendance?startDate=2026-01-13&endDate=2026-01-12', 'INVALID_DATE_RANGE'],
      [`aggregatedAttendance?pageToken=${encodeURIComponent(first.pageToken)}`, 'PAGE_TOKEN_INVALID'],
    ];
    for (const [url, code] of cases) {
      const response = await get(`${BASE}/${url}`);
      expect(response.statusCode, url).toBe(400);
      assertSs12000('Error', response.json());
      expect(response.json().code, url).toBe(code);
    }
    // The next page with limit only is fine.
    expect((await get(`${BASE}/attendances?limit=2&pageToken=${encodeURIComponent(first.pageToken)}`)).statusCode).toBe(
      200,
    );
  });

  it('lists guardian reports and leave as SS12000 absences with filters, sort order and paging', async () => {
    const { records, pages } = await allPages('absences', 'Absences', 'limit=1');
    expect(records).toHaveLength(3);
    expect(pages).toBe(3);
    expect(records.map((r) => r.type).sort()).toEqual(['Anmäld frånvaro', 'Anmäld frånvaro', 'Beviljad ledighet']);
    expect(records.every((r) => r.organisation.id === world.schoolUnitId)).toBe(true);
    // Sorted by start time, ascending by default and descending on request.
    expect(records.map((r) => r.startTime)).toEqual([...records.map((r) => r.startTime)].sort());
    const descending = (await allPages('absences', 'Absences', 'sortkey=StartTimeDesc&limit=2')).records;
    expect(descending.map((r) => r.id)).toEqual([...records].reverse().map((r) => r.id));
    expect(
      (await allPages('absences', 'Absences', `type=${encodeURIComponent('Beviljad ledighet')}`)).records.map(
        (r) => r.student.id,
      ),
    ).toEqual([world.pupilsB[1]]);
    expect((await allPages('absences', 'Absences', `student=${world.pupilsA[0]}`)).records).toHaveLength(1);
    expect(
      (await allPages('absences', 'Absences', `startTime.onOrAfter=${encodeURIComponent('2026-01-13T00:00:00+01:00')}`))
        .records,
    ).toHaveLength(2);
    expect((await allPages('absences', 'Absences', `organisation=${randomUUID()}`)).records).toHaveLength(0);
    const mentorPerson = (
      await queryRows<{ person_id: string }>(
        t.database.db,
        sql`select person_id from users where username = ${world.usernames.mentor}`,
      )
    )[0].person_id;
    expect(
      (await allPages('absences', 'Absences', `registeredBy=${mentorPerson}`)).records.map((r) => r.student.id),
    ).toEqual([world.pupilsA[0]]);
  });

  it('aggregates minutes per pupil × activity that sum to the measures module figures of each pupil, valid absence from reports included', async () => {
    const [from, to] = DATES;
    const { records } = await allPages(
      'aggregatedAttendance',
      'AggregatedAttendances',
      `startDate=${from}&endDate=${to}&limit=3`,
    );
    const pupils = [...world.pupilsA, ...world.pupilsB];
    expect(records).toHaveLength(pupils.length);
    const figures = await aggregateFigures(
      t.database.db,
      world.organiserId,
      sql`pd.person_id = any(${uuidArray(pupils)})`,
      from,
      to,
    );
    for (const pupil of pupils) {
      const mine = records.filter((r) => r.student.id === pupil);
      const sum = (field: string) => mine.reduce((total, r) => total + r[field], 0);
      const f = figures.get(pupil)!;
      expect({
        pupil,
        attended: sum('attendanceSum'),
        valid: sum('validAbsenceSum'),
        invalid: sum('invalidAbsenceSum'),
        other: sum('otherAttendanceSum'),
        offered: sum('offeredSum'),
      }).toEqual({
        pupil,
        attended: f.attended,
        valid: f.valid,
        invalid: f.invalid,
        other: f.other,
        offered: f.scheduled,
      });
    }
    const of = (pupil: string) => records.find((r) => r.student.id === pupil);
    // b0: unregistered lessons, all of the 12th reported by the guardian; b1: leave before 09:00 on the 13th.
    expect(of(world.pupilsB[0])).toMatchObject({
      validAbsenceSum: 180,
      attendanceSum: 0,
      reportedSum: 0,
      offeredSum: 360,
    });
    expect(of(world.pupilsB[1])).toMatchObject({ validAbsenceSum: 60, reportedSum: 0, offeredSum: 360 });
    expect(of(world.pupilsA[0])).toMatchObject({
      validAbsenceSum: 60,
      invalidAbsenceSum: 60,
      attendanceSum: 240,
      reportedSum: 360,
    });
    expect(of(world.protectedPupil).student.securityMarking).toBe('Skyddad folkbokföring');
    // Filters: one pupil; a school type the unit does not have; one day.
    expect(
      (
        await allPages(
          'aggregatedAttendance',
          'AggregatedAttendances',
          `startDate=${from}&endDate=${to}&student=${world.pupilsB[0]}`,
        )
      ).records,
    ).toHaveLength(1);
    expect(
      (
        await allPages(
          'aggregatedAttendance',
          'AggregatedAttendances',
          `startDate=${from}&endDate=${to}&organisation=${randomUUID()}`,
        )
      ).records,
    ).toHaveLength(0);
    const oneDay = (
      await allPages(
        'aggregatedAttendance',
        'AggregatedAttendances',
        `startDate=${from}&endDate=${from}&student=${world.pupilsA[0]}`,
      )
    ).records;
    expect(oneDay).toEqual([
      expect.objectContaining({ startDate: from, endDate: from, invalidAbsenceSum: 60, offeredSum: 180 }),
    ]);
  });

  it("shows a token nothing of another organiser's data", async () => {
    const attendances = (await allPages('attendances', 'Attendances', '', otherToken)).records;
    expect(attendances).toHaveLength(4);
    expect(attendances.every((r) => other.pupilsA.includes(r.student.id))).toBe(true);
    expect(
      (await allPages('attendances', 'Attendances', `student=${world.pupilsA[0]}`, otherToken)).records,
    ).toHaveLength(0);
    expect((await allPages('absences', 'Absences', '', otherToken)).records).toHaveLength(0);
    const aggregated = (
      await allPages(
        'aggregatedAttendance',
        'AggregatedAttendances',
        `startDate=2026-01-12&endDate=2026-01-13&student=${world.pupilsA[0]}`,
        otherToken,
      )
    ).records;
    expect(aggregated).toHaveLength(0);
  });

  it('audits every call with token name, endpoint and record count, and records the last use', async () => {
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_events where organiser_id = ${world.organiserId} and type = 'ss12000.read'`,
    );
    await get(`${BASE}/absences?limit=2`);
    const [event] = await queryRows<{ data: any; actor_user_id: string | null; subject_type: string }>(
      t.database.db,
      sql`
      select data, actor_user_id, subject_type from audit_events where organiser_id = ${world.organiserId} and type = 'ss12000.read' order by id desc limit 1`,
    );
    expect(event).toMatchObject({
      actor_user_id: null,
      subject_type: 'apiToken',
      data: { tokenName: 'Skolplattformen', endpoint: 'absences', records: 2, hasPageToken: false },
    });
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_events where organiser_id = ${world.organiserId} and type = 'ss12000.read'`,
    );
    expect(after[0].n).toBe(before[0].n + 1);
    const [row] = await t.database.db
      .select()
      .from(schema.apiTokens)
      .where(eq(schema.apiTokens.tokenHash, hashApiToken(token)));
    expect(row.lastUsedAt).not.toBeNull();
    // Failed calls are not reads.
    await get(`${BASE}/absences`, 'nonsense');
    const still = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_events where type = 'ss12000.read' and data->>'tokenName' is null`,
    );
    expect(still[0].n).toBe(0);
  });
});
