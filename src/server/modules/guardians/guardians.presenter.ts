/** The guardian portal's overview: children, their reports and leave requests, messages to the guardian. */
import type { GuardianOverview } from '../../../shared/schemas/guardians.js';
import type { ChildRow, ReportRow } from './guardians.repo.js';
import { type LeaveRow, presentLeave } from './leave.repo.js';
import type { TermAttendance } from './term-attendance.js';
import { canChangeReport } from './guardians.policy.js';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export interface OverviewParts {
  today: string;
  now: Date;
  settings: { reportPastDays: number; leaveMentorLimitDays: number };
  children: (ChildRow & { leaveDays: { total: number; soFar: number } })[];
  attendance: TermAttendance;
  reports: ReportRow[];
  leave: LeaveRow[];
  messages: {
    id: string;
    subject: string;
    body: string;
    channel: string;
    status: string;
    sent_at: Date | string | null;
  }[];
}

export function presentOverview(p: OverviewParts): GuardianOverview {
  const { term, termTo, figures } = p.attendance;
  const attendanceOf = (id: string) => {
    const f = figures.get(id);
    return term && f && f.absentRate !== null && f.validRate !== null && f.invalidRate !== null
      ? {
          from: term.startDate,
          to: termTo,
          absentRate: f.absentRate,
          validRate: f.validRate,
          invalidRate: f.invalidRate,
          coverage: f.coverage,
        }
      : null;
  };
  return {
    today: p.today,
    reportPastDays: p.settings.reportPastDays,
    leaveMentorLimitDays: p.settings.leaveMentorLimitDays,
    children: p.children.map((c) => ({
      personId: c.id,
      givenName: c.given_name,
      familyName: c.family_name,
      className: c.class_name,
      schoolName: c.school_name,
      leaveDaysThisYear: c.leaveDays.soFar,
      // Granted leave still to come: not taken yet, but the 10-day estimate counts it.
      leaveDaysPlanned: c.leaveDays.total - c.leaveDays.soFar,
      attendanceThisTerm: attendanceOf(c.id),
    })),
    reports: p.reports.map((r) => ({
      id: r.id,
      pupilId: r.person_id,
      kind: r.kind,
      reasonCode: r.reason_code,
      startsAt: iso(r.starts_at)!,
      endsAt: iso(r.ends_at)!,
      comment: r.comment,
      isWithdrawn: r.withdrawn_at !== null,
      canChange: canChangeReport(
        {
          kind: r.kind,
          startsAt: new Date(r.starts_at),
          withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
        },
        p.now,
      ),
    })),
    leaveRequests: p.leave.map(presentLeave),
    messages: p.messages.map((m) => ({
      id: m.id,
      subject: m.subject,
      body: m.body,
      channel: m.channel,
      status: m.status,
      sentAt: iso(m.sent_at),
    })),
  };
}
