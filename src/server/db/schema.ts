/**
 * Database schema. Every table carries `organiser_id` (the huvudman, the tenant) and it leads
 * every primary key and index, so the schema can later be distributed by that key without
 * changing queries. SS12000 ids are kept as the rows' ids.
 */
import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  integer,
  boolean,
  date,
  timestamp,
  jsonb,
  bigserial,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import { createdAt, entityColumns, entityPrimaryKey, minuteSums, organiserId } from './schema/columns.js';

/** SS12000 Organisation: the huvudman itself, school units and other organisational elements. */
export const organisations = pgTable(
  'organisations',
  {
    ...entityColumns(),
    displayName: text('display_name').notNull(),
    /** SS12000 OrganisationTypeEnum, e.g. Huvudman, Skolenhet. */
    organisationType: text('organisation_type').notNull(),
    schoolUnitCode: text('school_unit_code'),
    parentId: uuid('parent_id'),
    municipalityCode: text('municipality_code'),
    schoolTypes: jsonb('school_types').$type<string[]>().notNull().default([]),
    startDate: date('start_date'),
    endDate: date('end_date'),
  },
  (t) => [entityPrimaryKey(t)],
);

/** SS12000 Person: pupils, guardians and staff. */
export const persons = pgTable(
  'persons',
  {
    ...entityColumns(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** Personal identity number. Never logged, never sent to the browser except to roles that need it. */
    civicNo: text('civic_no'),
    birthDate: date('birth_date'),
    sex: text('sex'),
    /** SS12000 securityMarking: Ingen | Sekretessmarkering | Skyddad folkbokföring. */
    securityMarking: text('security_marking').notNull().default('Ingen'),
    /** Kommunkod of the folkbokföring address (hemkommun). */
    homeMunicipalityCode: text('home_municipality_code'),
    emails: jsonb('emails').$type<{ type?: string; value: string }[]>().notNull().default([]),
    phoneNumbers: jsonb('phone_numbers')
      .$type<{ type?: string; value: string; mobile?: boolean }[]>()
      .notNull()
      .default([]),
    addresses: jsonb('addresses').$type<Record<string, unknown>[]>().notNull().default([]),
    personStatus: text('person_status').notNull().default('Aktiv'),
    eduPersonPrincipalNames: jsonb('edu_person_principal_names').$type<string[]>().notNull().default([]),
    externalIdentifiers: jsonb('external_identifiers')
      .$type<{ context?: string; value: string }[]>()
      .notNull()
      .default([]),
  },
  (t) => [entityPrimaryKey(t), index('persons_civic_no_idx').on(t.civicNo)],
);

/** SS12000 Enrolment: a pupil's placement at a school unit with a school year (årskurs). */
export const enrolments = pgTable(
  'enrolments',
  {
    organiserId: organiserId(),
    personId: uuid('person_id').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    schoolType: text('school_type').notNull(),
    schoolYear: integer('school_year'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.personId, t.schoolUnitId, t.startDate] }),
    index('enrolments_unit_idx').on(t.organiserId, t.schoolUnitId),
  ],
);

/** SS12000 Person.responsibles: guardian relations of a pupil. */
export const responsibles = pgTable(
  'responsibles',
  {
    organiserId: organiserId(),
    pupilId: uuid('pupil_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    relationType: text('relation_type').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.pupilId, t.guardianId] }),
    index('responsibles_guardian_idx').on(t.organiserId, t.guardianId),
  ],
);

/** SS12000 Group (class, teaching group, mentor group…). */
export const groups = pgTable(
  'groups',
  {
    ...entityColumns(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    displayName: text('display_name').notNull(),
    groupType: text('group_type').notNull(),
    schoolType: text('school_type'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
  },
  (t) => [entityPrimaryKey(t), index('groups_unit_idx').on(t.organiserId, t.schoolUnitId)],
);

/** SS12000 GroupMembership with its date interval (inclusive); history decides scheduled time. */
export const groupMemberships = pgTable(
  'group_memberships',
  {
    organiserId: organiserId(),
    groupId: uuid('group_id').notNull(),
    personId: uuid('person_id').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.groupId, t.personId, t.startDate] }),
    index('memberships_person_idx').on(t.organiserId, t.personId),
  ],
);

/** SS12000 Duty: a staff member's employment role at a school unit. */
export const duties = pgTable(
  'duties',
  {
    ...entityColumns(),
    personId: uuid('person_id').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    dutyRole: text('duty_role').notNull(),
    signature: text('signature'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
  },
  (t) => [entityPrimaryKey(t), index('duties_person_idx').on(t.organiserId, t.personId)],
);

/** SS12000 Duty.assignmentRole: e.g. Mentor for a group. */
export const dutyAssignments = pgTable(
  'duty_assignments',
  {
    organiserId: organiserId(),
    dutyId: uuid('duty_id').notNull(),
    groupId: uuid('group_id').notNull(),
    roleType: text('role_type').notNull(),
    startDate: date('start_date').notNull().default(sql`'1900-01-01'`),
    endDate: date('end_date'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.dutyId, t.groupId, t.roleType, t.startDate] }),
    index('duty_assignments_group_idx').on(t.organiserId, t.groupId),
  ],
);

/** SS12000 Activity: what is taught to which groups by which teachers. */
export const activities = pgTable(
  'activities',
  {
    ...entityColumns(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    displayName: text('display_name').notNull(),
    /** Undervisning | Elevaktivitet | Provaktivitet count as teaching time (docs/domain/measures.md D7). */
    activityType: text('activity_type').notNull().default('Undervisning'),
    syllabusId: uuid('syllabus_id'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
  },
  (t) => [entityPrimaryKey(t)],
);

export const activityGroups = pgTable(
  'activity_groups',
  {
    organiserId: organiserId(),
    activityId: uuid('activity_id').notNull(),
    groupId: uuid('group_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.activityId, t.groupId] }),
    index('activity_groups_group_idx').on(t.organiserId, t.groupId),
  ],
);

export const activityTeachers = pgTable(
  'activity_teachers',
  {
    organiserId: organiserId(),
    activityId: uuid('activity_id').notNull(),
    dutyId: uuid('duty_id').notNull(),
    startDate: date('start_date'),
    endDate: date('end_date'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.activityId, t.dutyId] }),
    index('activity_teachers_duty_idx').on(t.organiserId, t.dutyId),
  ],
);

/** SS12000 CalendarEvent: one lesson. `local_date` is the Europe/Stockholm date of the start. */
export const lessons = pgTable(
  'lessons',
  {
    ...entityColumns(),
    activityId: uuid('activity_id').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    localDate: date('local_date').notNull(),
    /** teachingLengthStudent when given, else the clock length in minutes. */
    teachingMinutes: integer('teaching_minutes').notNull(),
    isCancelled: boolean('is_cancelled').notNull().default(false),
    comment: text('comment'),
  },
  (t) => [
    entityPrimaryKey(t),
    index('lessons_unit_date_idx').on(t.organiserId, t.schoolUnitId, t.localDate),
    index('lessons_activity_date_idx').on(t.organiserId, t.activityId, t.localDate),
  ],
);

/** Per-lesson teacher changes: SS12000 teacherExceptions and substitutes assigned in Närvaro. */
export const lessonTeachers = pgTable(
  'lesson_teachers',
  {
    organiserId: organiserId(),
    lessonId: uuid('lesson_id').notNull(),
    dutyId: uuid('duty_id').notNull(),
    /** false removes an activity teacher from this lesson; true adds one (a substitute). */
    participates: boolean('participates').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.lessonId, t.dutyId] }),
    index('lesson_teachers_duty_idx').on(t.organiserId, t.dutyId),
  ],
);

/** SS12000 CalendarEvent.studentExceptions: adjusted study plans per lesson (docs/domain/measures.md D8). */
export const lessonStudentExceptions = pgTable(
  'lesson_student_exceptions',
  {
    organiserId: organiserId(),
    lessonId: uuid('lesson_id').notNull(),
    personId: uuid('person_id').notNull(),
    participates: boolean('participates').notNull(),
    teachingMinutes: integer('teaching_minutes'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.lessonId, t.personId] }),
    index('lesson_student_exceptions_person_idx').on(t.organiserId, t.personId),
  ],
);

/** Registration confirmation (kvittens) of a lesson. No row = not confirmed. */
export const lessonConfirmations = pgTable(
  'lesson_confirmations',
  {
    organiserId: organiserId(),
    lessonId: uuid('lesson_id').notNull(),
    confirmedByUserId: uuid('confirmed_by_user_id'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'narvaro' when confirmed here, 'import' when it came as reported SS12000 Attendance. */
    source: text('source').notNull().default('narvaro'),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.lessonId] })],
);

/**
 * Current attendance exception per (lesson, pupil): everything that is not plain presence.
 * A confirmed lesson without a row here means present. History of changes is in
 * `attendance_mark_history`.
 */
export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    organiserId: organiserId(),
    lessonId: uuid('lesson_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** absent | late | left | other | imported */
    kind: text('kind').notNull(),
    /** Late / left minutes. */
    minutes: integer('minutes'),
    /** SS12000 Attendance minute split, for kind 'imported' only. */
    importedMinutes: jsonb('imported_minutes').$type<{
      isReported: boolean;
      attended: number;
      valid: number;
      invalid: number;
      other: number;
    }>(),
    /** Code from the reason list (never a health detail). */
    reasonCode: text('reason_code'),
    comment: text('comment'),
    recordedByUserId: uuid('recorded_by_user_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** SS12000 Attendance id when imported. */
    externalId: uuid('external_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.lessonId, t.personId] }),
    index('attendance_marks_person_idx').on(t.organiserId, t.personId),
  ],
);

/** Insert-only history of registrations and corrections: who changed what, when. */
export const attendanceMarkHistory = pgTable(
  'attendance_mark_history',
  {
    organiserId: organiserId(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    lessonId: uuid('lesson_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** Previous and new state: null means present / no registration. */
    previous: jsonb('previous').$type<Record<string, unknown> | null>(),
    next: jsonb('next').$type<Record<string, unknown> | null>(),
    changedByUserId: uuid('changed_by_user_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    isCorrection: boolean('is_correction').notNull().default(false),
  },
  (t) => [
    entityPrimaryKey(t),
    // In the order the register shows it (newest first: read backwards), so its newest page and
    // each older one read only their own rows.
    index('attendance_history_lesson_idx').on(t.organiserId, t.lessonId, t.changedAt, t.id),
  ],
);

/**
 * Time ranges that make absence valid: guardian absence reports, granted leave and valid reasons
 * registered by staff (SS12000 Absence for the first two).
 */
export const absences = pgTable(
  'absences',
  {
    ...entityColumns(),
    personId: uuid('person_id').notNull(),
    /** guardianReport | leave | staffReason */
    kind: text('kind').notNull(),
    reasonCode: text('reason_code'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    comment: text('comment'),
    registeredByUserId: uuid('registered_by_user_id'),
    /** 'narvaro' or 'import'. */
    source: text('source').notNull().default('narvaro'),
    createdAt: createdAt(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [entityPrimaryKey(t), index('absences_person_idx').on(t.organiserId, t.personId, t.startsAt)],
);

/** School calendar: terms. */
export const terms = pgTable(
  'terms',
  {
    organiserId: organiserId(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
  },
  (t) => [entityPrimaryKey(t)],
);

/** Holidays and study days; never scheduled time. `school_unit_id` null = whole organiser. */
export const daysOff = pgTable(
  'days_off',
  {
    organiserId: organiserId(),
    date: date('date').notNull(),
    /** Empty string = every school unit of the organiser (keeps the key simple). */
    schoolUnitKey: text('school_unit_key').notNull().default(''),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.date, t.schoolUnitKey] })],
);

/**
 * Pupil × day roll-up of the measures module's DayFigures. Maintained whenever registrations,
 * reports, timetable or memberships change; lists and statistics sum these rows.
 */
export const pupilDays = pgTable(
  'pupil_days',
  {
    organiserId: organiserId(),
    personId: uuid('person_id').notNull(),
    date: date('date').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    ...minuteSums(),
    /** Written from the measures module (isAbsentDay / hasAbsence) so SQL only counts, never decides. */
    isAbsentDay: boolean('is_absent_day').notNull(),
    hasAbsence: boolean('has_absence').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.personId, t.date] }),
    index('pupil_days_unit_date_idx').on(t.organiserId, t.schoolUnitId, t.date),
    /** Statistics over a month cut mid-way read pupil days by date across all units. */
    index('pupil_days_date_idx').on(t.organiserId, t.date),
  ],
);

/** Local user accounts. */
export const users = pgTable(
  'users',
  {
    ...entityColumns(),
    username: text('username').notNull(),
    /** Null for accounts that sign in only through an identity provider (SS12000 accounts). */
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    /** The SS12000 person this account belongs to (staff), used for relationship-based access. */
    personId: uuid('person_id'),
    /** staff | guardian: separate principal kinds; a guardian account has no role grants and reaches only /api/guardian. */
    kind: text('kind').notNull().default('staff'),
    /** Preferred language (sv, en, …) for the UI and for messages to a guardian. */
    locale: text('locale').notNull().default('sv'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    /** manual | ss12000 (made by the SS12000 account sync). */
    source: text('source').notNull().default('manual'),
    /** Lower-cased e-mails, eduPersonPrincipalNames and external ids of the person (staff sign-in matches these). */
    loginKeys: text('login_keys').array().notNull().default(sql`'{}'`),
    /** admin | ss12000: who disabled the account (the sync only re-enables what it disabled). */
    disabledBy: text('disabled_by'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    entityPrimaryKey(t),
    index('users_person_idx').on(t.organiserId, t.personId),
    // Staff sign-in looks an identity-provider claim up among every account's login keys.
    index('users_login_keys_idx').using('gin', t.loginKeys),
    // Login finds the account before the tenant is known, so usernames are unique across organisers.
    uniqueIndex('users_username_idx').on(t.username),
  ],
);

/** Role grants; `school_unit_id` scopes school roles (null = whole organiser). */
export const userRoles = pgTable(
  'user_roles',
  {
    organiserId: organiserId(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    schoolUnitKey: text('school_unit_key').notNull().default(''),
    /** ss12000 (follows the import) | manual (an administrator's grant). */
    source: text('source').notNull().default('manual'),
    /** Last day the grant holds (inclusive); null = until revoked. */
    endsOn: date('ends_on'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.userId, t.role, t.schoolUnitKey] })],
);

/** Server-side sessions; only a hash of the cookie token is stored. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  organiserId: organiserId(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** staff | guardian when the session came from that OIDC provider (for RP-initiated logout). */
  oidcKind: text('oidc_kind'),
  /** Last request served; the session ends after SESSION_IDLE_MINUTES without one. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Insert-only audit trail (enforced by a trigger). Reads of case data are recorded too. */
export const auditEvents = pgTable(
  'audit_events',
  {
    organiserId: organiserId(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    type: text('type').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    /** The pupil the event concerns, so "who looked at this child" is one query. */
    pupilId: uuid('pupil_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    entityPrimaryKey(t),
    index('audit_pupil_idx').on(t.organiserId, t.pupilId),
    index('audit_type_idx').on(t.organiserId, t.type, t.occurredAt),
  ],
);

/** SS12000 import runs with their result report. */
export const imports = pgTable(
  'imports',
  {
    ...entityColumns(),
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    startedByUserId: uuid('started_by_user_id'),
    report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [entityPrimaryKey(t)],
);

/** A ladder slot: organiser-wide (school_unit_key '') or for one school unit. Rules live in versions. */
export const ladders = pgTable(
  'ladders',
  {
    ...entityColumns(),
    schoolUnitKey: text('school_unit_key').notNull().default(''),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), uniqueIndex('ladders_scope_idx').on(t.organiserId, t.schoolUnitKey)],
);

/**
 * Immutable ladder versions. A published version applies from `effective_from`; editing makes a
 * new version. Every result names the version that produced it.
 */
export const ladderVersions = pgTable(
  'ladder_versions',
  {
    ...entityColumns(),
    ladderId: uuid('ladder_id').notNull(),
    version: integer('version').notNull(),
    /** The LadderDefinition (src/shared/ladders/format.ts). */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    presetId: text('preset_id'),
    effectiveFrom: date('effective_from').notNull(),
    /** draft | published */
    status: text('status').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [entityPrimaryKey(t), index('ladder_versions_ladder_idx').on(t.organiserId, t.ladderId, t.version)],
);

/** The latest evaluation per pupil: step, since, fired figures and the version that produced it. */
export const pupilLadderStates = pgTable(
  'pupil_ladder_states',
  {
    organiserId: organiserId(),
    personId: uuid('person_id').notNull(),
    ladderVersionId: uuid('ladder_version_id').notNull(),
    schoolUnitId: uuid('school_unit_id'),
    evaluationDate: date('evaluation_date').notNull(),
    stepIndex: integer('step_index').notNull(),
    stepKey: text('step_key'),
    since: date('since'),
    explanation: text('explanation').notNull(),
    /** The whole LadderResult, passed back as `previous` on the next evaluation. */
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.personId] }),
    index('pupil_ladder_states_unit_idx').on(t.organiserId, t.schoolUnitId, t.stepIndex),
  ],
);

/** Insert-only history of step changes (escalation, staff decision, de-escalation). */
export const ladderStepChanges = pgTable(
  'ladder_step_changes',
  {
    organiserId: organiserId(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    personId: uuid('person_id').notNull(),
    ladderVersionId: uuid('ladder_version_id').notNull(),
    date: date('date').notNull(),
    fromStep: integer('from_step').notNull(),
    toStep: integer('to_step').notNull(),
    /** triggers | staff | deEscalation | exit (automatic) | staffClose; for an exit `from_step` is the ended step and `reason` why */
    by: text('by').notNull(),
    reason: text('reason'),
    explanation: text('explanation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), index('ladder_step_changes_person_idx').on(t.organiserId, t.personId, t.date)],
);

/** Staff decisions that move a pupil on the ladder, with the reason (recorded, never silent). */
export const ladderDecisions = pgTable(
  'ladder_decisions',
  {
    ...entityColumns(),
    personId: uuid('person_id').notNull(),
    date: date('date').notNull(),
    stepIndex: integer('step_index').notNull(),
    reason: text('reason').notNull(),
    /** move (to `step_index`) | close (the pupil's step ends: an exit, `step_index` 0). */
    kind: text('kind').notNull().default('move'),
    decidedByUserId: uuid('decided_by_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), index('ladder_decisions_person_idx').on(t.organiserId, t.personId)],
);

/** The manual "oro" flag: absence that causes concern, whatever its size. */
export const concernFlags = pgTable(
  'concern_flags',
  {
    ...entityColumns(),
    personId: uuid('person_id').notNull(),
    setOn: date('set_on').notNull(),
    clearedOn: date('cleared_on'),
    note: text('note'),
    setByUserId: uuid('set_by_user_id').notNull(),
  },
  (t) => [entityPrimaryKey(t), index('concern_flags_person_idx').on(t.organiserId, t.personId)],
);

/** Tasks created when a pupil enters a step; assigned from the step's role. */
export const tasks = pgTable(
  'tasks',
  {
    ...entityColumns(),
    personId: uuid('person_id').notNull(),
    ladderVersionId: uuid('ladder_version_id'),
    stepKey: text('step_key'),
    role: text('role').notNull(),
    assigneeUserId: uuid('assignee_user_id'),
    schoolUnitId: uuid('school_unit_id'),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    /** open | done */
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByUserId: uuid('done_by_user_id'),
    doneNote: text('done_note'),
    /** Makes task creation idempotent per pupil, version, step entry and action. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    entityPrimaryKey(t),
    uniqueIndex('tasks_idempotency_idx').on(t.organiserId, t.idempotencyKey),
    index('tasks_assignee_idx').on(t.organiserId, t.assigneeUserId, t.status),
    index('tasks_person_idx').on(t.organiserId, t.personId),
  ],
);

/** Transactional outbox: messages and notices leave the system from here, exactly once per key. */
export const outbox = pgTable(
  'outbox',
  {
    ...entityColumns(),
    /** guardianMessage | organiserNotice */
    kind: text('kind').notNull(),
    personId: uuid('person_id'),
    templateKey: text('template_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /**
     * pending (waiting for sendAfter) → queued (expanded into message_deliveries) → sent | failed;
     * withdrawn when the cause went away before sending (e.g. absence corrected to valid).
     */
    status: text('status').notNull().default('pending'),
    createdAt: createdAt(),
    /** Not expanded before this instant (same-day notices wait for the configured time of day). */
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    /** The school day the message is about (same-day notice: one per pupil and day). */
    aboutDate: date('about_date'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Why it was withdrawn or failed as a whole (e.g. NO_CONTACT_CHANNEL). */
    lastError: text('last_error'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    entityPrimaryKey(t),
    uniqueIndex('outbox_idempotency_idx').on(t.organiserId, t.idempotencyKey),
    index('outbox_due_idx').on(t.organiserId, t.status, t.sendAfter),
    index('outbox_person_idx').on(t.organiserId, t.personId),
  ],
);

/** Regional statistics: whether the organiser shares its (suppressed) aggregates with the region. Changes are audited. */
export const organiserSharing = pgTable(
  'organiser_sharing',
  {
    organiserId: organiserId(),
    isShared: boolean('is_shared').notNull(),
    changedByUserId: uuid('changed_by_user_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId] })],
);
export * from './schema/retention.js';
export * from './schema/messages.js';
export * from './schema/jobs.js';
export * from './schema/cases.js';
export * from './schema/statistics.js';
export * from './schema/regions.js';
export * from './schema/api.js';
export * from './schema/sync.js';
export * from './schema/accounts.js';
