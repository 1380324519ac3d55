/**
 * Guardians and messages: deliveries of outbox messages per recipient and channel, organiser
 * templates, guardian leave requests and the organiser's settings for them.
 */
import {
  pgTable,
  uuid,
  text,
  integer,
  date,
  timestamp,
  jsonb,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

import { createdAt, entityColumns, entityPrimaryKey, organiserId } from './columns.js';

/**
 * One outbox message to one recipient over one channel. The unique key (outbox, recipient,
 * channel) makes expansion idempotent; the worker claims due rows with a lease, so a crashed
 * worker's rows are taken over after the lease and never sent twice by two workers.
 */
export const messageDeliveries = pgTable(
  'message_deliveries',
  {
    ...entityColumns(),
    outboxId: uuid('outbox_id').notNull(),
    /** The guardian person (null for organiser notices). */
    recipientPersonId: uuid('recipient_person_id'),
    /** email | sms | inbox */
    channel: text('channel').notNull(),
    /** E-mail address or phone number; '' for the in-app inbox. */
    address: text('address').notNull(),
    locale: text('locale').notNull().default('sv'),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    /** queued | sending | sent | delivered | failed | withdrawn (a same-day notice no longer true before it went out) */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: another worker may take the row over after this instant. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** While `sending`: the worker process holding the lease (`host/pid/start`, process-identity.ts). */
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** Transport name that sent it (smtp, http-sms, dev) and the provider's message id. */
    transport: text('transport'),
    providerMessageId: text('provider_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    entityPrimaryKey(t),
    uniqueIndex('message_deliveries_key_idx').on(t.organiserId, t.outboxId, t.channel, t.address),
    index('message_deliveries_due_idx').on(t.organiserId, t.status, t.nextAttemptAt),
    index('message_deliveries_recipient_idx').on(t.organiserId, t.recipientPersonId),
    index('message_deliveries_sending_idx').on(t.lockedBy).where(sql`${t.status} = 'sending'`),
  ],
);

/** The organiser's own wording of a message template per language (defaults live in code). */
export const messageTemplates = pgTable(
  'message_templates',
  {
    organiserId: organiserId(),
    templateKey: text('template_key').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedByUserId: uuid('updated_by_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.templateKey, t.locale] })],
);

/** Organiser overrides of the guardian settings (null = the configured default). */
export const guardianSettings = pgTable(
  'guardian_settings',
  {
    organiserId: organiserId(),
    /** Where organiser notices go by e-mail; without it they land in the in-app inbox. */
    noticeEmail: text('notice_email'),
    /** School days of leave a mentor may grant; longer requests go to the rektor. */
    leaveMentorLimitDays: integer('leave_mentor_limit_days'),
    /** How many days back a guardian may report absence (0 = from today). */
    reportPastDays: integer('report_past_days'),
    /** Same-day notice: 'atTime' (at sameDayNoticeTime) or 'immediate' (when the lesson is confirmed, after the grace minutes). */
    sameDayNoticePolicy: text('same_day_notice_policy').$type<'atTime' | 'immediate'>(),
    /** HH:MM Europe/Stockholm for 'atTime'; null = the configured SAME_DAY_NOTICE_TIME. */
    sameDayNoticeTime: text('same_day_notice_time'),
    /** Minutes a notice waits after the confirmation for 'immediate' (0–120), so a correction can withdraw it. */
    sameDayNoticeGraceMinutes: integer('same_day_notice_grace_minutes'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId] }),
    check('guardian_settings_same_day_policy_check', sql`${t.sameDayNoticePolicy} in ('atTime', 'immediate')`),
    check('guardian_settings_same_day_time_check', sql`${t.sameDayNoticeTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('guardian_settings_same_day_grace_check', sql`${t.sameDayNoticeGraceMinutes} between 0 and 120`),
  ],
);

/** A guardian's application for leave (ledighet); granted leave becomes a leave absence. */
export const leaveRequests = pgTable(
  'leave_requests',
  {
    ...entityColumns(),
    pupilId: uuid('pupil_id').notNull(),
    requestedByPersonId: uuid('requested_by_person_id').notNull(),
    requestedByUserId: uuid('requested_by_user_id').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    reason: text('reason').notNull(),
    /** School days the request covers (days with lessons for the pupil, else weekdays). */
    schoolDays: integer('school_days').notNull(),
    /** mentor | principal: who decides, by the school's limit. */
    decidedByRole: text('decided_by_role').notNull(),
    /** pending | granted | rejected | withdrawn */
    status: text('status').notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    absenceId: uuid('absence_id'),
    schoolUnitId: uuid('school_unit_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    entityPrimaryKey(t),
    index('leave_requests_pupil_idx').on(t.organiserId, t.pupilId),
    index('leave_requests_status_idx').on(t.organiserId, t.status, t.schoolUnitId),
  ],
);
