/**
 * The world behind the role × route matrix and the cross-tenant suite: one organiser (factories)
 * with a record of every kind a route can name — a case with a mapping, meeting, concern report,
 * intervention and investigation notice, a ladder draft, a task, a leave request, a board report,
 * a background job, absences from staff and from a guardian, and a second school unit.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows, schema, type Database } from '../db/client.js';
import { addGuardian, createWorld, type World } from './factories.js';
import { logInAs, TEST_TODAY } from './support.js';

export interface MatrixIds {
  organiserId: string;
  schoolUnitId: string;
  otherSchoolUnitId: string;
  pupil: string;
  lesson: string;
  absence: string;
  guardianAbsence: string;
  caseId: string;
  mappingId: string;
  meetingId: string;
  reportId: string;
  followUpId: string;
  noticeId: string;
  versionId: string;
  taskId: string;
  leaveRequestId: string;
  boardReportId: string;
  jobId: string;
  userId: string;
  teacherUserId: string;
}

export interface MatrixWorld {
  world: World;
  ids: MatrixIds;
  guardianUsername: string;
}

/** Builds one organiser with every kind of record; returns its ids. */
export async function buildMatrixWorld(database: Database, app: FastifyInstance): Promise<MatrixWorld> {
  const db = database.db;
  const world = await createWorld(database, ['2026-01-12', '2026-01-13', TEST_TODAY], { pupilsPerClass: 3 });
  const { organiserId, schoolUnitId } = world;
  const pupil = world.pupilsA[0];
  const guardian = await addGuardian(database, world, `Vh${organiserId.slice(0, 4)}`, { pupilIds: [pupil] });
  const otherSchoolUnitId = randomUUID();
  await db.insert(schema.organisations).values({
    organiserId,
    id: otherSchoolUnitId,
    displayName: 'Andra skolan',
    organisationType: 'Skolenhet',
    parentId: organiserId,
  });
  const rektor = await logInAs(app, world.usernames.principal);
  const parent = await logInAs(app, guardian.username);
  const created = async (session: typeof rektor, method: 'POST' | 'PUT', url: string, payload: object) => {
    const response = await session.request({ method, url, payload });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const absence = (
    await created(rektor, 'POST', `/api/pupils/${pupil}/absences`, {
      kind: 'guardianReport',
      fromDate: '2026-01-20',
      toDate: '2026-01-20',
    })
  ).id;
  const guardianAbsence = (
    await created(parent, 'POST', '/api/guardian/absences', {
      pupilIds: [pupil],
      fromDate: '2026-01-21',
      toDate: '2026-01-21',
      reasonCode: 'reported',
    })
  ).ids[0];
  const leaveRequestId = (
    await created(parent, 'POST', '/api/guardian/leave-requests', {
      pupilId: pupil,
      fromDate: '2026-01-22',
      toDate: '2026-01-22',
      reason: 'Resa',
    })
  ).id;
  const caseId = (await created(rektor, 'POST', '/api/cases', { pupilId: pupil })).id;
  const mappingId = (
    await created(rektor, 'POST', `/api/cases/${caseId}/mappings`, {
      kind: 'simple',
      answers: {},
      pupilVoice: 'Jag vill gå i skolan.',
    })
  ).id;
  const meetingId = (
    await created(rektor, 'POST', `/api/cases/${caseId}/meetings`, {
      kind: 'sip',
      heldOn: '2026-01-13',
      participants: [{ name: 'Kim', organisationType: 'school' }],
    })
  ).id;
  const reportId = (
    await created(rektor, 'POST', `/api/cases/${caseId}/concern-reports`, {
      reportedOn: '2026-01-13',
      socialServicesOffice: 'Socialtjänsten',
      reasonCategory: 'absence',
    })
  ).id;
  const interventionId = (
    await created(rektor, 'POST', `/api/cases/${caseId}/interventions`, {
      code: 'school.schedule-adaptation',
      responsibleUserId: null,
      startDate: '2026-01-13',
      followUpScheme: 'norrkoping',
      goal: 'Kommer i tid',
    })
  ).id;
  await created(rektor, 'POST', `/api/cases/${caseId}/investigation`, {});
  const versionId = (
    await created(rektor, 'POST', '/api/ladders/versions', {
      schoolUnitId,
      presetId: 'stockholm',
      effectiveFrom: '2026-01-08',
      publish: false,
    })
  ).id;
  const jobId = (
    await rektor.request({ method: 'POST', url: '/api/ladders/evaluate', payload: { personId: pupil } })
  ).json().jobId;
  const [followUp] = await queryRows<{ id: string }>(
    db,
    sql`select id from case_follow_ups where organiser_id = ${organiserId} and intervention_id = ${interventionId} order by planned_on limit 1`,
  );
  const [notice] = await queryRows<{ id: string }>(
    db,
    sql`select id from organiser_notices where organiser_id = ${organiserId} and case_id = ${caseId} limit 1`,
  );
  const users = await queryRows<{ id: string; username: string }>(
    db,
    sql`select id, username from users where organiser_id = ${organiserId}`,
  );
  const userOf = (username: string) => users.find((u) => u.username === username)!.id;
  const taskId = randomUUID();
  await db.insert(schema.tasks).values({
    organiserId,
    id: taskId,
    personId: pupil,
    role: 'principal',
    assigneeUserId: userOf(world.usernames.principal),
    schoolUnitId,
    title: 'Kontakta hemmet',
    dueDate: '2026-01-20',
    idempotencyKey: `matrix:${taskId}`,
  });
  const boardReportId = randomUUID();
  await db.insert(schema.boardReports).values({
    organiserId,
    id: boardReportId,
    periodFrom: '2026-01-01',
    periodTo: '2026-01-31',
    origin: 'onDemand',
    pdfBase64: Buffer.from('%PDF-1.7\n').toString('base64'),
  });
  return {
    world,
    guardianUsername: guardian.username,
    ids: {
      organiserId,
      schoolUnitId,
      otherSchoolUnitId,
      pupil,
      lesson: world.lessonsA.get(`${TEST_TODAY} 08:00`)!,
      absence,
      guardianAbsence,
      caseId,
      mappingId,
      meetingId,
      reportId,
      followUpId: followUp.id,
      noticeId: notice.id,
      versionId,
      taskId,
      leaveRequestId,
      boardReportId,
      jobId,
      userId: userOf(world.usernames.studentHealth),
      teacherUserId: userOf(world.usernames.teacher),
    },
  };
}
