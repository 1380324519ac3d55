/**
 * Case management (ärenden): cases per pupil with members, mappings from versioned templates,
 * investigations (7 kap. 19 a § skollagen) with notices to the organiser, structured causes,
 * interventions with computed follow-ups, concern reports, collaboration meetings and handovers.
 * The case timeline is derived from the audit trail (every command writes one event per change).
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
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import { createdAt, entityColumns, entityPrimaryKey, organiserId } from './columns.js';

/** Organiser settings for case work; no row = the defaults. */
export const caseSettings = pgTable(
  'case_settings',
  {
    organiserId: organiserId(),
    /** Days the principal has to complete an investigation; null = one calendar month (Stockholm's expectation). */
    investigationDeadlineDays: integer('investigation_deadline_days'),
    /** Days after a concern report without feedback before it is shown as a reminder. */
    concernFeedbackReminderDays: integer('concern_feedback_reminder_days').notNull().default(30),
    changedByUserId: uuid('changed_by_user_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId] })],
);

/** The organiser's changes to the cause and intervention catalogues: renamed, retired or added entries. */
export const caseCatalogueEntries = pgTable(
  'case_catalogue_entries',
  {
    organiserId: organiserId(),
    /** cause | intervention */
    kind: text('kind').notNull(),
    /** Stable code; statistics count by it. */
    code: text('code').notNull(),
    label: text('label').notNull(),
    /** Cause sphere (school, individual, family, social) or intervention owner type. */
    category: text('category').notNull(),
    /** Intervention tier 1–3; null for causes. */
    tier: integer('tier'),
    isRetired: boolean('is_retired').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.kind, t.code] })],
);

/** A case: one pupil's absence period at one school unit. */
export const cases = pgTable(
  'cases',
  {
    ...entityColumns(),
    pupilId: uuid('pupil_id').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    /** open | closed */
    status: text('status').notNull().default('open'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    /** The school day it was opened (Europe/Stockholm; the step's date when a ladder opened it); statistics count by it. */
    openedOn: date('opened_on').notNull(),
    /** null when the ladder opened it. */
    openedByUserId: uuid('opened_by_user_id'),
    /** The ladder version and step whose action opened the case. */
    openedFromLadderVersionId: uuid('opened_from_ladder_version_id'),
    openedFromStepKey: text('opened_from_step_key'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByUserId: uuid('closed_by_user_id'),
    /** attendanceRestored | moved | finishedSchool | other */
    closeReason: text('close_reason'),
    closeOutcome: text('close_outcome'),
  },
  (t) => [
    entityPrimaryKey(t),
    index('cases_pupil_idx').on(t.organiserId, t.pupilId),
    index('cases_unit_idx').on(t.organiserId, t.schoolUnitId, t.status),
    // One open case per pupil: the ladder and staff both use the open case when there is one.
    uniqueIndex('cases_one_open_idx').on(t.organiserId, t.pupilId).where(sql`status = 'open'`),
  ],
);

/** Staff who work on the case (see it by membership). */
export const caseMembers = pgTable(
  'case_members',
  {
    organiserId: organiserId(),
    caseId: uuid('case_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** mentor | studentHealth | principal | other */
    role: text('role').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    addedByUserId: uuid('added_by_user_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.caseId, t.userId] }),
    index('case_members_user_idx').on(t.organiserId, t.userId),
  ],
);

/** Organiser-specific mapping templates (versioned, immutable). The built-in default lives in src/shared/cases. */
export const caseMappingTemplates = pgTable(
  'case_mapping_templates',
  {
    organiserId: organiserId(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    /** MappingTemplateDefinition (src/shared/cases/mapping-template.ts). */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.key, t.version] })],
);

/** A simple or in-depth mapping with its answers, the pupil's own voice and the guardians' view. */
export const caseMappings = pgTable(
  'case_mappings',
  {
    ...entityColumns(),
    caseId: uuid('case_id').notNull(),
    /** simple | inDepth */
    kind: text('kind').notNull(),
    templateKey: text('template_key').notNull(),
    templateVersion: integer('template_version').notNull(),
    /** Answers by `${sectionKey}.${questionKey}`. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** The pupil's own view of the causes, in their words. */
    pupilVoice: text('pupil_voice'),
    guardiansView: text('guardians_view'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByUserId: uuid('completed_by_user_id'),
  },
  (t) => [entityPrimaryKey(t), index('case_mappings_case_idx').on(t.organiserId, t.caseId)],
);

/** Investigation of absence under 7 kap. 19 a § skollagen, opened by the principal. */
export const caseInvestigations = pgTable(
  'case_investigations',
  {
    ...entityColumns(),
    caseId: uuid('case_id').notNull(),
    openedOn: date('opened_on').notNull(),
    openedByUserId: uuid('opened_by_user_id'),
    deadline: date('deadline').notNull(),
    completedOn: date('completed_on'),
    completedByUserId: uuid('completed_by_user_id'),
    conclusion: text('conclusion'),
  },
  (t) => [
    entityPrimaryKey(t),
    index('case_investigations_case_idx').on(t.organiserId, t.caseId),
    uniqueIndex('case_investigations_one_open_idx').on(t.organiserId, t.caseId).where(sql`completed_on is null`),
  ],
);

/**
 * The organiser's inbox of notices (anmälan till huvudmannen), and the copy kept for a notice to
 * the pupil's home municipality when it differs from the school's. The message itself leaves
 * through the outbox in the same transaction.
 */
export const organiserNotices = pgTable(
  'organiser_notices',
  {
    ...entityColumns(),
    /** investigationOpened */
    kind: text('kind').notNull(),
    /** organiser | homeMunicipality */
    recipient: text('recipient').notNull(),
    /** Kommunkod of the home municipality for recipient homeMunicipality. */
    municipalityCode: text('municipality_code'),
    caseId: uuid('case_id').notNull(),
    investigationId: uuid('investigation_id'),
    pupilId: uuid('pupil_id').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    /** received | acknowledged */
    status: text('status').notNull().default('received'),
    createdAt: createdAt(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByUserId: uuid('acknowledged_by_user_id'),
  },
  (t) => [
    entityPrimaryKey(t),
    index('organiser_notices_status_idx').on(t.organiserId, t.status, t.createdAt),
    index('organiser_notices_case_idx').on(t.organiserId, t.caseId),
  ],
);

/** Structured causes of the case: codes from the catalogue, exactly one primary; free text only as comment. */
export const caseCauses = pgTable(
  'case_causes',
  {
    organiserId: organiserId(),
    caseId: uuid('case_id').notNull(),
    code: text('code').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    /** pupil | guardian | school | other: who gave the cause. */
    givenBy: text('given_by').notNull(),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.caseId, t.code] }),
    uniqueIndex('case_causes_one_primary_idx').on(t.organiserId, t.caseId).where(sql`is_primary`),
  ],
);

/** The action plan: interventions from the catalogue with responsible, start and follow-up scheme. */
export const caseInterventions = pgTable(
  'case_interventions',
  {
    ...entityColumns(),
    caseId: uuid('case_id').notNull(),
    code: text('code').notNull(),
    responsibleUserId: uuid('responsible_user_id'),
    startDate: date('start_date').notNull(),
    /** norrkoping | stockholm (FOLLOW_UP_SCHEMES) */
    followUpScheme: text('follow_up_scheme').notNull(),
    /** What the intervention should achieve; the follow-ups assess against it (null on interventions made before goals). */
    goal: text('goal'),
    comment: text('comment'),
    endDate: date('end_date'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), index('case_interventions_case_idx').on(t.organiserId, t.caseId)],
);

/** A follow-up point of an intervention: planned at creation, recorded with the computed before/after figures. */
export const caseFollowUps = pgTable(
  'case_follow_ups',
  {
    ...entityColumns(),
    interventionId: uuid('intervention_id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** Scheme point key: start, 3m, 1y, 4w, 6w. */
    point: text('point').notNull(),
    plannedOn: date('planned_on').notNull(),
    recordedOn: date('recorded_on'),
    recordedByUserId: uuid('recorded_by_user_id'),
    assessment: text('assessment'),
    /** yes | partly | no (typed by the school) */
    goalAttainment: text('goal_attainment'),
    /** Computed period figures (absence rates over known minutes) before the start and since; never typed. */
    before: jsonb('before').$type<Record<string, unknown>>(),
    since: jsonb('since').$type<Record<string, unknown>>(),
  },
  (t) => [
    entityPrimaryKey(t),
    uniqueIndex('case_follow_ups_point_idx').on(t.organiserId, t.interventionId, t.point),
    index('case_follow_ups_case_idx').on(t.organiserId, t.caseId),
  ],
);

/** Concern reports (orosanmälan) to social services and the feedback received. */
export const caseConcernReports = pgTable(
  'case_concern_reports',
  {
    ...entityColumns(),
    caseId: uuid('case_id').notNull(),
    reportedOn: date('reported_on').notNull(),
    socialServicesOffice: text('social_services_office').notNull(),
    reportedByUserId: uuid('reported_by_user_id'),
    /** CONCERN_REASON_CATEGORIES */
    reasonCategory: text('reason_category').notNull(),
    /** What the school has already done (social services ask for it). */
    actionsTaken: text('actions_taken'),
    feedbackOn: date('feedback_on'),
    /** inquiryOpened | noInquiry | other */
    feedbackKind: text('feedback_kind'),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), index('case_concern_reports_case_idx').on(t.organiserId, t.caseId)],
);

export interface MeetingParticipant {
  key: string;
  name: string;
  organisationType: string;
  organisationName?: string;
}

/** Collaboration meetings (SIP and others) with participants from other organisations. */
export const caseMeetings = pgTable(
  'case_meetings',
  {
    ...entityColumns(),
    caseId: uuid('case_id').notNull(),
    /** sip | attendanceTeam | other */
    kind: text('kind').notNull(),
    heldOn: date('held_on').notNull(),
    /** The coordinator's participant key. */
    coordinatorKey: text('coordinator_key'),
    participants: jsonb('participants').$type<MeetingParticipant[]>().notNull(),
    sharedPlan: text('shared_plan'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), index('case_meetings_case_idx').on(t.organiserId, t.caseId)],
);

/** SIP-kollen style: how useful was the meeting, 1–5, per participant. */
export const caseMeetingRatings = pgTable(
  'case_meeting_ratings',
  {
    organiserId: organiserId(),
    meetingId: uuid('meeting_id').notNull(),
    participantKey: text('participant_key').notNull(),
    rating: integer('rating').notNull(),
    recordedByUserId: uuid('recorded_by_user_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.meetingId, t.participantKey] })],
);

/** Handover when the pupil changes school (3 kap. 12 j § skollagen): prepared by the sending school. */
export const caseHandovers = pgTable(
  'case_handovers',
  {
    ...entityColumns(),
    caseId: uuid('case_id').notNull(),
    pupilId: uuid('pupil_id').notNull(),
    fromSchoolUnitId: uuid('from_school_unit_id').notNull(),
    toSchoolUnitId: uuid('to_school_unit_id').notNull(),
    /** The information the receiving school needs, so the family need not answer the same questions again. */
    summary: text('summary').notNull(),
    preparedOn: date('prepared_on').notNull(),
    preparedByUserId: uuid('prepared_by_user_id'),
  },
  (t) => [
    entityPrimaryKey(t),
    index('case_handovers_to_idx').on(t.organiserId, t.toSchoolUnitId),
    index('case_handovers_pupil_idx').on(t.organiserId, t.pupilId),
  ],
);
