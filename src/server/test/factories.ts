/**
 * Builds a small school world directly in the database: an organiser with one school unit,
 * classes 7A and 7B, pupils, staff with accounts for every role, and lessons on given dates.
 * Every call makes a new organiser (tenant), so tests never share rows.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Database } from '../db/client.js';
import { createUser } from '../modules/auth/commands/create-user.js';
import { localDateTimeToInstant } from '../../shared/dates/index.js';
import type { Role } from '../../shared/roles.js';
import { recomputePupilDays } from '../modules/measures/recompute-pupil-days.js';

export interface World {
  organiserId: string;
  schoolUnitId: string;
  classA: string;
  classB: string;
  pupilsA: string[];
  pupilsB: string[];
  protectedPupil: string;
  activityA: string;
  activityB: string;
  /** Lesson ids by `${date} ${HH:MM}` for class A and class B. */
  lessonsA: Map<string, string>;
  lessonsB: Map<string, string>;
  usernames: Record<
    'teacher' | 'otherTeacher' | 'mentor' | 'principal' | 'studentHealth' | 'organiserAdmin' | 'systemAdmin',
    string
  >;
}

const SLOTS = [
  ['08:00', '09:00'],
  ['09:15', '10:15'],
  ['10:30', '11:30'],
] as const;

/** Creates the world with lessons (three 60-minute lessons a day) on every given date. */
export async function createWorld(
  database: Database,
  dates: string[],
  options: { pupilsPerClass?: number } = {},
): Promise<World> {
  const db = database.db;
  const organiserId = randomUUID();
  const schoolUnitId = randomUUID();
  const suffix = organiserId.slice(0, 8);
  await db.insert(schema.organisations).values([
    { organiserId, id: organiserId, displayName: 'Testkommun', organisationType: 'Huvudman' },
    {
      organiserId,
      id: schoolUnitId,
      displayName: 'Testskolan 7–9',
      organisationType: 'Skolenhet',
      parentId: organiserId,
      schoolUnitCode: '12345678',
    },
  ]);
  const classA = randomUUID();
  const classB = randomUUID();
  await db.insert(schema.groups).values([
    { organiserId, id: classA, schoolUnitId, displayName: '7A', groupType: 'Klass', startDate: '2025-08-01' },
    { organiserId, id: classB, schoolUnitId, displayName: '7B', groupType: 'Klass', startDate: '2025-08-01' },
  ]);
  const count = options.pupilsPerClass ?? 4;
  const makePupils = async (groupId: string, prefix: string) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await db
      .insert(schema.persons)
      .values(ids.map((id, i) => ({ organiserId, id, givenName: `${prefix}${i + 1}`, familyName: 'Elev' })));
    await db
      .insert(schema.groupMemberships)
      .values(ids.map((personId) => ({ organiserId, groupId, personId, startDate: '2025-08-01' })));
    await db.insert(schema.enrolments).values(
      ids.map((personId) => ({
        organiserId,
        personId,
        schoolUnitId,
        schoolType: 'GR',
        schoolYear: 7,
        startDate: '2025-08-01',
      })),
    );
    return ids;
  };
  const pupilsA = await makePupils(classA, 'Anna');
  const pupilsB = await makePupils(classB, 'Bo');
  const protectedPupil = pupilsA[count - 1];
  await db
    .update(schema.persons)
    .set({ securityMarking: 'Skyddad folkbokföring' })
    .where(and(eq(schema.persons.organiserId, organiserId), eq(schema.persons.id, protectedPupil)));

  const staff = async (key: keyof World['usernames'], roles: Role[], dutyRole: string) => {
    const personId = randomUUID();
    const dutyId = randomUUID();
    await db.insert(schema.persons).values({ organiserId, id: personId, givenName: key, familyName: 'Personal' });
    await db
      .insert(schema.duties)
      .values({ organiserId, id: dutyId, personId, schoolUnitId, dutyRole, startDate: '2025-08-01' });
    const username = `${key}-${suffix}`;
    const organiserWide = key === 'organiserAdmin' || key === 'systemAdmin';
    await createUser(db, {
      organiserId,
      username,
      password: 'secret',
      displayName: `${key} Personal`,
      personId,
      roles: roles.map((role) => ({ role, schoolUnitId: organiserWide ? null : schoolUnitId })),
    });
    return { username, dutyId };
  };
  const teacher = await staff('teacher', ['teacher'], 'Lärare');
  const otherTeacher = await staff('otherTeacher', ['teacher'], 'Lärare');
  const mentor = await staff('mentor', ['mentor', 'teacher'], 'Lärare');
  const principal = await staff('principal', ['principal'], 'Rektor');
  const studentHealth = await staff('studentHealth', ['studentHealth'], 'Kurator');
  const organiserAdmin = await staff('organiserAdmin', ['organiserAdmin'], 'Annan personal');
  const systemAdmin = await staff('systemAdmin', ['systemAdmin'], 'Annan personal');
  await db
    .insert(schema.dutyAssignments)
    .values({ organiserId, dutyId: mentor.dutyId, groupId: classA, roleType: 'Mentor', startDate: '2025-08-01' });

  const activityA = randomUUID();
  const activityB = randomUUID();
  await db.insert(schema.activities).values([
    { organiserId, id: activityA, schoolUnitId, displayName: 'Matematik 7A', startDate: '2025-08-01' },
    { organiserId, id: activityB, schoolUnitId, displayName: 'Svenska 7B', startDate: '2025-08-01' },
  ]);
  await db.insert(schema.activityGroups).values([
    { organiserId, activityId: activityA, groupId: classA },
    { organiserId, activityId: activityB, groupId: classB },
  ]);
  await db.insert(schema.activityTeachers).values([
    { organiserId, activityId: activityA, dutyId: teacher.dutyId },
    { organiserId, activityId: activityB, dutyId: otherTeacher.dutyId },
  ]);

  const makeLessons = async (activityId: string) => {
    const ids = new Map<string, string>();
    const rows = dates.flatMap((date) =>
      SLOTS.map(([start, end]) => {
        const id = randomUUID();
        ids.set(`${date} ${start}`, id);
        return {
          organiserId,
          id,
          activityId,
          schoolUnitId,
          startsAt: new Date(localDateTimeToInstant(date, start)),
          endsAt: new Date(localDateTimeToInstant(date, end)),
          localDate: date,
          teachingMinutes: 60,
        };
      }),
    );
    if (rows.length > 0) await db.insert(schema.lessons).values(rows);
    return ids;
  };
  const lessonsA = await makeLessons(activityA);
  const lessonsB = await makeLessons(activityB);
  const sorted = [...dates].sort();
  if (sorted.length > 0)
    await recomputePupilDays(db, organiserId, [...pupilsA, ...pupilsB], sorted[0], sorted[sorted.length - 1]);
  return {
    organiserId,
    schoolUnitId,
    classA,
    classB,
    pupilsA,
    pupilsB,
    protectedPupil,
    activityA,
    activityB,
    lessonsA,
    lessonsB,
    usernames: {
      teacher: teacher.username,
      otherTeacher: otherTeacher.username,
      mentor: mentor.username,
      principal: principal.username,
      studentHealth: studentHealth.username,
      organiserAdmin: organiserAdmin.username,
      systemAdmin: systemAdmin.username,
    },
  };
}

export interface GuardianOptions {
  pupilIds: string[];
  relationType?: string;
  securityMarking?: string;
  email?: string | null;
  phone?: string | null;
  locale?: string;
  /** Create a portal account (username returned); without it the guardian only receives messages. */
  withAccount?: boolean;
}

/** Adds a guardian person linked to pupils, optionally with a guardian portal account (password 'secret'). */
export async function addGuardian(
  database: Database,
  world: World,
  name: string,
  options: GuardianOptions,
): Promise<{ personId: string; username: string }> {
  const db = database.db;
  const personId = randomUUID();
  const { organiserId } = world;
  await db.insert(schema.persons).values({
    organiserId,
    id: personId,
    givenName: name,
    familyName: 'Förälder',
    securityMarking: options.securityMarking ?? 'Ingen',
    emails:
      options.email === null ? [] : [{ type: 'Privat', value: options.email ?? `${name.toLowerCase()}@example.test` }],
    phoneNumbers: options.phone ? [{ type: 'Mobil', value: options.phone, mobile: true }] : [],
  });
  await db.insert(schema.responsibles).values(
    options.pupilIds.map((pupilId) => ({
      organiserId,
      pupilId,
      guardianId: personId,
      relationType: options.relationType ?? 'Vårdnadshavare',
    })),
  );
  const username = `${name.toLowerCase()}-${organiserId.slice(0, 8)}`;
  if (options.withAccount !== false) {
    await createUser(db, {
      organiserId,
      username,
      password: 'secret',
      displayName: `${name} Förälder`,
      personId,
      roles: [],
      kind: 'guardian',
      locale: options.locale ?? 'sv',
    });
  }
  return { personId, username };
}
