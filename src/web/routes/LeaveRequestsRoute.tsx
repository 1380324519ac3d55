import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type LeaveRequestRow, type LeaveRequestsResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { formatPercent, formatShortDate } from '../lib/format';
import type { StaffLeaveRequestRow } from '@shared/schemas/guardians';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { Badge } from '../components/Badge';
import { LeaveStatusBadge } from '../features/guardians/components/LeaveStatus';

/** Grant or reject with a reason; the reason goes to the guardian with the decision. */
function DecisionForm({ request, onDecided }: { request: LeaveRequestRow; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [decision, setDecision] = useState<'granted' | 'rejected' | ''>('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = !decision
      ? 'leaveRequests.problems.decision'
      : !reason.trim()
        ? 'leaveRequests.problems.reason'
        : null;
    setProblem(found);
    setError(null);
    if (found || !decision) return;
    setIsSaving(true);
    try {
      await api.decideLeave(request.id, { decision, reason: reason.trim() });
      onDecided(t(`leaveRequests.decided.${decision}`, { pupil: request.pupilName }));
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form
      className="form"
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-label={t('leaveRequests.formLabel', { pupil: request.pupilName })}
    >
      {problem && (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <fieldset>
        <legend>{t('leaveRequests.decision')}</legend>
        {(['granted', 'rejected'] as const).map((value) => (
          <div key={value} className="field field-checkbox">
            <input
              id={`${id}-${value}`}
              type="radio"
              name={`${id}-decision`}
              checked={decision === value}
              onChange={() => setDecision(value)}
            />
            <label htmlFor={`${id}-${value}`}>{t(`leaveRequests.choices.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('leaveRequests.reason')}</label>
        <p id={`${id}-reason-hint`} className="hint">
          {t('leaveRequests.reasonHint')}
        </p>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={500}
          value={reason}
          aria-describedby={`${id}-reason-hint`}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {t('leaveRequests.submit')}
        </button>
      </div>
    </form>
  );
}

/** What the one deciding should know: absence this term, the ladder step, an open case. */
function DecisionContext({ request }: { request: StaffLeaveRequestRow }) {
  const { t, i18n } = useTranslation();
  const { context } = request;
  return (
    <ul className="decision-context">
      <li>
        {context.absentRate === null || context.invalidRate === null
          ? t('leaveRequests.context.noAbsence')
          : t('leaveRequests.context.absence', {
              absent: formatPercent(context.absentRate, i18n.language),
              invalid: formatPercent(context.invalidRate, i18n.language),
            })}
      </li>
      <li>
        {context.ladder
          ? t('leaveRequests.context.ladder', { explanation: context.ladder.explanation })
          : t('leaveRequests.context.noLadder')}
      </li>
      <li>
        {context.openCaseId ? (
          <Link to={`/cases/${context.openCaseId}`}>{t('leaveRequests.context.openCase')}</Link>
        ) : (
          t('leaveRequests.context.noCase')
        )}
      </li>
    </ul>
  );
}

/** Ledighetsansökningar: what the mentor (up to the school's limit) or the rektor (above it) decides. */
export default function LeaveRequestsRoute() {
  const { t, i18n } = useTranslation();
  const [showAll, setShowAll] = useSearchParam('all');
  const query = useApiQuery<LeaveRequestsResponse>(api.leaveRequestsPath(showAll === '1' ? 'all' : 'pending'));
  const [status, setStatus] = useState('');
  const requests = query.data?.leaveRequests ?? [];
  return (
    <Page title={t('leaveRequests.title')}>
      <p>{t('leaveRequests.intro')}</p>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <div className="field field-checkbox">
          <input
            id="leave-show-all"
            type="checkbox"
            checked={showAll === '1'}
            onChange={(event) => setShowAll(event.target.checked ? '1' : '')}
          />
          <label htmlFor="leave-show-all">{t('leaveRequests.showAll')}</label>
        </div>
      </form>
      <LiveStatus message={status} />
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : requests.length === 0 ? (
        <p className="empty">{t('leaveRequests.empty')}</p>
      ) : (
        <ul className="portal-list" aria-busy={query.isLoading}>
          {requests.map((request) => (
            <li key={request.id} className="card">
              <h2 className="portal-card-title">
                <Link to={`/pupils/${request.pupilId}`}>{request.pupilName}</Link>
              </h2>
              <p>
                {formatShortDate(request.fromDate, i18n.language)} – {formatShortDate(request.toDate, i18n.language)} (
                {t('guardianPortal.leave.schoolDays', { count: request.schoolDays })}){' '}
                <LeaveStatusBadge request={request} />{' '}
                <Badge tone={request.decidedByRole === 'principal' ? 'warning' : 'neutral'}>
                  {t(`leaveRequests.decidedBy.${request.decidedByRole}`, { defaultValue: request.decidedByRole })}
                </Badge>
              </p>
              <p>
                {t('leaveRequests.daysBefore', { count: request.leaveDaysBefore })}
                {request.isOverTenDays && <strong> {t('leaveRequests.overTen')}</strong>}
              </p>
              <p className="muted">{t('leaveRequests.guardianReason', { reason: request.reason })}</p>
              <DecisionContext request={request} />
              {request.decisionReason && (
                <p>{t('guardianPortal.leave.decisionReason', { reason: request.decisionReason })}</p>
              )}
              {request.status === 'pending' && (
                <DecisionForm
                  request={request}
                  onDecided={(message) => {
                    setStatus(message);
                    query.reload();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
