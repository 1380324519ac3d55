/**
 * Typed audit events. `type` fixes the shape of `data`; every type is listed in
 * docs/audit-events.md. Rows are insert-only (a database trigger rejects changes) and are
 * written in the same transaction as the change they describe.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import type { RetentionCutoffs, RetentionPolicy } from '../../shared/retention/policy.js';

export type AuditEvent =
  | { type: 'auth.login'; data: { username: string; kind: string; provider: string } }
  | { type: 'auth.logout'; data: Record<string, never> }
  | { type: 'auth.logout-others'; data: { ended: number } }
  | { type: 'auth.login-failed'; data: { reason: LoginFailureReason; provider?: string; subjectHash?: string } }
  | { type: 'attendance.register-lesson'; lessonId: string; data: { marks: number; isCorrection: boolean } }
  | { type: 'attendance.correct-mark'; lessonId: string; pupilId: string; data: { previous: unknown; next: unknown } }
  | { type: 'absence.register'; absenceId: string; pupilId: string; data: { kind: string; from: string; to: string } }
  | { type: 'absence.withdraw'; absenceId: string; pupilId: string; data: Record<string, never> }
  | { type: 'import.ss12000'; importId: string; data: { status: string; counts: Record<string, number> } }
  | {
      type: 'import.ss12000-sync-settings';
      data: { baseUrl: string; clientId: string; scheduleTime: string | null; isSecretChanged: boolean };
    }
  | { type: 'pupil.read'; pupilId: string; data: { view: string } }
  | { type: 'pupil.read-list'; data: { view: PupilListView; pupils: number; pupilIds: string[] } }
  | { type: 'lesson.read-register'; lessonId: string; data: { pupils: number; pupilIds: string[] } }
  | { type: 'lesson.read-history'; lessonId: string; data: { pupils: number; pupilIds: string[] } }
  | { type: 'demo.load'; data: { pupils: number } }
  | {
      type: 'ladder.evaluate';
      data: { date: string; pupils: number; onStep: number; changes: number; tasks: number; outbox: number };
    }
  | {
      type: 'ladder.publish-version';
      ladderVersionId: string;
      data: { schoolUnitId: string | null; presetId: string | null; effectiveFrom: string; version: number };
    }
  | {
      type: 'ladder.create-draft';
      ladderVersionId: string;
      data: { schoolUnitId: string | null; presetId: string | null; effectiveFrom: string; version: number };
    }
  | { type: 'ladder.update-draft'; ladderVersionId: string; data: { effectiveFrom: string } }
  | { type: 'ladder.delete-draft'; ladderVersionId: string; data: { version: number } }
  | { type: 'ladder.decide-step'; pupilId: string; data: { stepIndex: number; reason: string } }
  | { type: 'ladder.close-step'; pupilId: string; data: { fromStep: number; stepKey: string | null; reason: string } }
  | { type: 'ladder.set-concern-flag'; pupilId: string; data: { isSet: boolean } }
  | { type: 'task.complete'; taskId: string; pupilId: string; data: { note: string | null } }
  | { type: 'task.reassign'; taskId: string; pupilId: string; data: { toUserId: string } }
  | { type: 'statistics.set-sharing'; data: { isShared: boolean } }
  | { type: 'retention.update-policy'; data: { policy: RetentionPolicy } }
  | { type: 'retention.apply'; data: { cutoffs: RetentionCutoffs; counts: Record<string, number> } }
  | {
      type: 'guardian.report-absence';
      absenceId: string;
      pupilId: string;
      data: { from: string; to: string; replaces: string | null };
    }
  | { type: 'guardian.set-locale'; data: { locale: string } }
  | {
      type: 'leave.request';
      leaveRequestId: string;
      pupilId: string;
      data: { from: string; to: string; schoolDays: number; decidedByRole: string };
    }
  | {
      type: 'leave.withdraw';
      leaveRequestId: string;
      pupilId: string;
      data: { from: string; to: string };
    }
  | {
      type: 'leave.decide';
      leaveRequestId: string;
      pupilId: string;
      data: { decision: string; absenceId: string | null };
    }
  | { type: 'message.save-template'; data: { templateKey: string; locale: string } }
  | {
      type: 'message.save-settings';
      data: {
        noticeEmail: boolean;
        leaveMentorLimitDays: number | null;
        reportPastDays: number | null;
        sameDayNoticePolicy?: 'atTime' | 'immediate';
        sameDayNoticeTime?: string;
        sameDayNoticeGraceMinutes?: number;
      };
    }
  | {
      type: 'case.open';
      caseId: string;
      pupilId: string;
      data: { schoolUnitId: string; byLadder: boolean; stepKey: string | null; members: number };
    }
  | {
      type: 'case.read';
      caseId: string;
      pupilId: string;
      data: { view: 'case' | 'pdf' | 'handover' | 'list' | 'reminders' | 'inbox' | 'export' };
    }
  | { type: 'case.read-audit'; caseId: string; pupilId: string; data: { events: number } }
  | { type: 'case.add-member'; caseId: string; pupilId: string; data: { userId: string; role: string } }
  | {
      type: 'case.save-mapping';
      caseId: string;
      pupilId: string;
      data: { mappingId: string; kind: string; hasPupilVoice: boolean; hasGuardiansView: boolean };
    }
  | { type: 'case.complete-mapping'; caseId: string; pupilId: string; data: { mappingId: string; kind: string } }
  | {
      type: 'case.open-investigation';
      caseId: string;
      pupilId: string;
      data: { investigationId: string; deadline: string; notices: number; byLadder: boolean };
    }
  | {
      type: 'case.complete-investigation';
      caseId: string;
      pupilId: string;
      data: { investigationId: string; isOverdue: boolean };
    }
  | { type: 'case.set-causes'; caseId: string; pupilId: string; data: { codes: string[]; primary: string } }
  | {
      type: 'case.add-intervention';
      caseId: string;
      pupilId: string;
      data: { interventionId: string; code: string; startDate: string; followUpScheme: string };
    }
  | {
      type: 'case.record-follow-up';
      caseId: string;
      pupilId: string;
      data: { followUpId: string; point: string; beforeRate: number | null; sinceRate: number | null };
    }
  | {
      type: 'case.register-concern-report';
      caseId: string;
      pupilId: string;
      data: { concernReportId: string; reasonCategory: string };
    }
  | {
      type: 'case.record-concern-feedback';
      caseId: string;
      pupilId: string;
      data: { concernReportId: string; feedbackKind: string };
    }
  | {
      type: 'case.record-meeting';
      caseId: string;
      pupilId: string;
      data: { meetingId: string; kind: string; participants: number };
    }
  | { type: 'case.rate-meeting'; caseId: string; pupilId: string; data: { meetingId: string; ratings: number } }
  | {
      type: 'case.prepare-handover';
      caseId: string;
      pupilId: string;
      data: { handoverId: string; toSchoolUnitId: string };
    }
  | { type: 'case.close'; caseId: string; pupilId: string; data: { reason: string } }
  | { type: 'case.reopen'; caseId: string; pupilId: string; data: { reason: string } }
  | { type: 'notice.acknowledge'; caseId: string; pupilId: string; data: { noticeId: string } }
  | { type: 'case.save-template'; data: { key: string; version: number } }
  | { type: 'case.save-catalogue-entry'; data: { kind: string; code: string; isRetired: boolean } }
  | {
      type: 'case.update-settings';
      data: { investigationDeadlineDays: number | null; concernFeedbackReminderDays: number };
    }
  | { type: 'statistics.create-region'; data: { name: string; organiserIds: string[] } }
  | { type: 'statistics.view-region'; data: { from: string; to: string; organiserIds: string[] } }
  | {
      type: 'statistics.read-pupils';
      data: {
        schoolUnitId: string;
        from: string;
        to: string;
        breakdown: string;
        key: string;
        band: string | null;
        pupils: number;
      };
    }
  | { type: 'statistics.set-board-report-schedule'; data: { frequency: string } }
  | {
      type: 'statistics.generate-board-report';
      data: { boardReportId: string; from: string; to: string; origin: string };
    }
  | { type: 'api-token.create'; apiTokenId: string; data: { name: string; scopes: string[]; origin: 'ui' | 'cli' } }
  | { type: 'api-token.revoke'; apiTokenId: string; data: { name: string } }
  | {
      type: 'ss12000.read';
      apiTokenId: string;
      data: { tokenName: string; endpoint: string; records: number; hasPageToken: boolean };
    }
  | {
      type: 'export.create';
      exportId: string;
      data: { files: Record<string, number>; bytes: number; origin: 'ui' | 'cli'; includesCases: boolean };
    }
  | { type: 'export.download'; exportId: string; data: { bytes: number } }
  | { type: 'user.disable'; targetUserId: string; data: Record<string, never> }
  | { type: 'user.enable'; targetUserId: string; data: Record<string, never> }
  | {
      type: 'user.grant-role';
      targetUserId: string;
      data: { role: string; schoolUnitId: string | null; endsOn: string | null };
    }
  | { type: 'user.revoke-role'; targetUserId: string; data: { role: string; schoolUnitId: string | null } }
  | { type: 'user.reset-password'; targetUserId: string; data: Record<string, never> }
  | { type: 'user.read-audit'; targetUserId: string; data: Record<string, never> }
  | { type: 'auth.update-settings'; data: { localLoginEnabled: boolean } }
  | { type: 'auth.update-role-mapping'; data: { mappings: number } };

/** Why a sign-in was refused (never the personal number or the claim value). */
export type LoginFailureReason =
  | 'bad-password'
  | 'inactive'
  | 'local-login-disabled'
  | 'unknown-person'
  | 'no-account'
  | 'no-custody'
  | 'ambiguous'
  | 'verification-failed';

export type AuditEventType = AuditEvent['type'];

/** Lists of pupil-level data whose reads are audited, one event per request (issue 15, item 11). */
export type PupilListView =
  | 'pupil-list'
  | 'early-warning'
  | 'early-warning-csv'
  | 'tasks'
  | 'message-log'
  | 'unreachable-guardians'
  | 'leave-requests'
  | 'ladder-preview';

/** Who did it and from where; `actorUserId` null for the system (CLI, jobs, demo loader). */
export interface AuditContext {
  organiserId: string;
  actorUserId: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** Appends one audit row in the caller's transaction. */
export async function writeAuditEvent(tx: Tx, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await tx.execute(auditEventInsert(tx, ctx, event));
}

/**
 * The insert of one audit row, not yet run: a command may run it with its other writes as one
 * statement. A plain SQL template: drizzle's insert builder cost a registration ~0.1 ms to build.
 */
export function auditEventInsert(_tx: Tx, ctx: AuditContext, event: AuditEvent): SQL {
  const subject = subjectOf(event);
  return sql`insert into audit_events (organiser_id, actor_user_id, type, subject_type, subject_id, pupil_id, data, ip, user_agent)
    values (${ctx.organiserId}, ${ctx.actorUserId}, ${event.type}, ${subject?.type ?? null}, ${subject?.id ?? null},
      ${'pupilId' in event ? event.pupilId : null}, ${JSON.stringify(event.data)}::jsonb, ${ctx.ip ?? null}, ${ctx.userAgent?.slice(0, 300) ?? null})`;
}

/** One audit row for a read of a list of pupils (nothing when the list is empty: no pupil was shown). */
export async function auditPupilListRead(
  tx: Tx,
  ctx: AuditContext,
  view: PupilListView,
  pupilIds: (string | null)[],
): Promise<void> {
  const ids = [...new Set(pupilIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  await writeAuditEvent(tx, ctx, { type: 'pupil.read-list', data: { view, pupils: ids.length, pupilIds: ids } });
}

function subjectOf(event: AuditEvent): { type: string; id: string } | null {
  if ('caseId' in event) return { type: 'case', id: event.caseId };
  if ('lessonId' in event) return { type: 'lesson', id: event.lessonId };
  if ('absenceId' in event) return { type: 'absence', id: event.absenceId };
  if ('importId' in event) return { type: 'import', id: event.importId };
  if ('targetUserId' in event) return { type: 'user', id: event.targetUserId };
  if ('ladderVersionId' in event) return { type: 'ladderVersion', id: event.ladderVersionId };
  if ('taskId' in event) return { type: 'task', id: event.taskId };
  if ('leaveRequestId' in event) return { type: 'leaveRequest', id: event.leaveRequestId };
  if ('apiTokenId' in event) return { type: 'apiToken', id: event.apiTokenId };
  if ('exportId' in event) return { type: 'export', id: event.exportId };
  if ('pupilId' in event) return { type: 'pupil', id: event.pupilId };
  return null;
}
