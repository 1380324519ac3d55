import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type GuardianOverview } from '../api/endpoints';
import { formatShortDate } from '../lib/format';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { PortalPage } from '../features/guardians/components/PortalPage';
import { DoneMessage } from '../features/guardians/components/DoneMessage';
import { LeaveStatusBadge } from '../features/guardians/components/LeaveStatus';
import { LEAVE_WARNING_DAYS, weekdaysBetween } from '../features/guardians/portalDates';

/** The application form: child, dates, reason; the child's leave days so far and the 10-day warning as they type. */
function LeaveForm({ overview, onSent }: { overview: GuardianOverview; onSent: () => void }) {
  const { t } = useTranslation();
  const [pupilId, setPupilId] = useState(overview.children[0]?.personId ?? '');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [sent, setSent] = useState('');
  const child = overview.children.find((c) => c.personId === pupilId);
  const requested = weekdaysBetween(fromDate, toDate);
  // The year's total counts granted leave still to come; "hittills" shows only what has passed.
  const total = (child?.leaveDaysThisYear ?? 0) + (child?.leaveDaysPlanned ?? 0) + requested;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = !pupilId
      ? 'guardianPortal.report.problems.children'
      : !fromDate || !toDate
        ? 'absenceForm.problems.dates'
        : toDate < fromDate
          ? 'absenceForm.problems.order'
          : !reason.trim()
            ? 'guardianPortal.leave.problems.reason'
            : null;
    setProblem(found);
    setError(null);
    setSent('');
    if (found) return;
    setIsSaving(true);
    try {
      const result = await api.requestLeave({ pupilId, fromDate, toDate, reason: reason.trim() });
      const decider = t(`guardianPortal.leave.decider.${result.decidedByRole}`, { defaultValue: result.decidedByRole });
      // The form empties for a new application; the message beside the button says why.
      setSent(
        [
          t('guardianPortal.leave.sent', { decider, count: result.schoolDays }),
          result.isOverTenDays ? t('guardianPortal.leave.overTen') : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      onSent();
      setFromDate('');
      setToDate('');
      setReason('');
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form
      className="form card"
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-labelledby="leave-form-heading"
    >
      <h2 id="leave-form-heading">{t('guardianPortal.leave.formHeading')}</h2>
      {problem && (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor="leave-child">{t('guardianPortal.leave.child')}</label>
        <select id="leave-child" value={pupilId} onChange={(event) => setPupilId(event.target.value)}>
          {overview.children.map((c) => (
            <option key={c.personId} value={c.personId}>
              {c.givenName} {c.familyName}
            </option>
          ))}
        </select>
      </div>
      {child && (
        <p id="leave-days-so-far">{t('guardianPortal.children.leaveDays', { count: child.leaveDaysThisYear })}</p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor="leave-from">{t('guardianPortal.report.fromDate')}</label>
          <input
            id="leave-from"
            type="date"
            min={overview.today}
            value={fromDate}
            onChange={(event) => {
              setFromDate(event.target.value);
              if (!toDate || toDate < event.target.value) setToDate(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="leave-to">{t('guardianPortal.report.toDate')}</label>
          <input
            id="leave-to"
            type="date"
            min={fromDate || overview.today}
            value={toDate}
            onChange={(event) => setToDate(event.target.value)}
          />
        </div>
      </div>
      {requested > 0 && (
        <div
          className={total > LEAVE_WARNING_DAYS ? 'message message-error' : 'message message-info'}
          aria-live="polite"
        >
          <p>{t('guardianPortal.leave.estimate', { count: requested, total })}</p>
          {total > LEAVE_WARNING_DAYS && (
            <p className="message-title">{t('guardianPortal.leave.warning', { limit: LEAVE_WARNING_DAYS })}</p>
          )}
          {requested > overview.leaveMentorLimitDays && (
            <p>{t('guardianPortal.leave.toRektor', { limit: overview.leaveMentorLimitDays })}</p>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor="leave-reason">{t('guardianPortal.leave.reason')}</label>
        <p id="leave-reason-hint" className="hint">
          {t('guardianPortal.leave.reasonHint')}
        </p>
        <textarea
          id="leave-reason"
          rows={3}
          maxLength={500}
          value={reason}
          aria-describedby="leave-reason-hint"
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {isSaving ? t('guardianPortal.saving') : t('guardianPortal.leave.submit')}
        </button>
      </div>
      <LiveStatus message={sent} />
    </form>
  );
}

type LeaveRequest = GuardianOverview['leaveRequests'][number];

/** "Återkalla" on a request still waiting for a decision; the confirmation stays on its card. */
function WithdrawLeave({ request, onWithdrawn }: { request: LeaveRequest; onWithdrawn: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const handleWithdraw = async () => {
    if (!window.confirm(t('guardianPortal.leave.confirmWithdraw', { name: request.pupilName }))) return;
    setError(null);
    try {
      await api.withdrawLeaveRequest(request.id);
      onWithdrawn();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      {error !== null && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void handleWithdraw()}>
          {t('guardianPortal.leave.withdraw')}
          <span className="visually-hidden"> {request.pupilName}</span>
        </button>
      </div>
    </>
  );
}

/** Ansök om ledighet: the form and the guardian's applications with their decisions. */
export default function GuardianLeaveRoute() {
  const { t, i18n } = useTranslation();
  const [withdrawnId, setWithdrawnId] = useState<string | null>(null);
  return (
    <PortalPage title={t('guardianPortal.leave.title')}>
      {(overview, reload) => (
        <>
          <LeaveForm overview={overview} onSent={reload} />
          <section aria-labelledby="leave-list-heading" className="page-section">
            <h2 id="leave-list-heading">{t('guardianPortal.leave.listHeading')}</h2>
            {overview.leaveRequests.length === 0 ? (
              <p className="empty">{t('guardianPortal.leave.empty')}</p>
            ) : (
              <ul className="portal-list">
                {overview.leaveRequests.map((request) => (
                  <li key={request.id} className="card">
                    <h3 className="portal-card-title">{request.pupilName}</h3>
                    <p>
                      {formatShortDate(request.fromDate, i18n.language)} –{' '}
                      {formatShortDate(request.toDate, i18n.language)} (
                      {t('guardianPortal.leave.schoolDays', { count: request.schoolDays })}){' '}
                      <LeaveStatusBadge request={request} />
                    </p>
                    <p className="muted">{request.reason}</p>
                    {request.decisionReason && (
                      <p>{t('guardianPortal.leave.decisionReason', { reason: request.decisionReason })}</p>
                    )}
                    {withdrawnId === request.id && (
                      <DoneMessage message={t('guardianPortal.leave.withdrawn', { name: request.pupilName })} />
                    )}
                    {request.status === 'pending' && (
                      <WithdrawLeave
                        request={request}
                        onWithdrawn={() => {
                          setWithdrawnId(request.id);
                          reload();
                        }}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </PortalPage>
  );
}
