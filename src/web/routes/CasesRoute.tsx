import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { casesApi, type CaseList, type Handovers, type Reminders } from '../features/cases/api';
import { ScrollTable, Section } from '../features/cases/components/Section';
import { useAuth } from '../auth/AuthContext';
import { defaultCaseScopeFor } from '../auth/permissions';

/** Ärenden: my cases or the school's, with reminders (concern feedback, overdue investigations, follow-ups) and incoming handovers. */
export default function CasesRoute() {
  const { t } = useTranslation();
  const [scopeParam, setScope] = useSearchParam('scope');
  const [statusParam, setStatus] = useSearchParam('status');
  const { me } = useAuth();
  const scope = scopeParam === 'school' || scopeParam === 'mine' ? scopeParam : defaultCaseScopeFor(me);
  const status = statusParam === 'closed' ? 'closed' : 'open';
  const list = useApiQuery<CaseList>(casesApi.listPath(scope, status));
  const reminders = useApiQuery<Reminders>(casesApi.remindersPath());
  const handovers = useApiQuery<Handovers>(casesApi.handoversPath());
  const r = reminders.data;
  const reminderCount = r ? r.concernReports.length + r.investigations.length + r.followUps.length : 0;
  return (
    <Page title={t('cases.list.title')}>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cases-scope">{t('cases.list.scope')}</label>
          <select id="cases-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="mine">{t('cases.list.mine')}</option>
            <option value="school">{t('cases.list.school')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-status">{t('cases.list.status')}</label>
          <select
            id="cases-status"
            value={status}
            onChange={(e) => setStatus(e.target.value === 'open' ? '' : e.target.value)}
          >
            <option value="open">{t('cases.status.open')}</option>
            <option value="closed">{t('cases.status.closed')}</option>
          </select>
        </div>
      </form>
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.cases.length === 0 ? (
        <p className="empty">{t('cases.list.empty')}</p>
      ) : (
        <ScrollTable caption={t('cases.list.caption')} isCaptionHidden>
          <thead>
            <tr>
              <th scope="col">{t('cases.list.pupil')}</th>
              <th scope="col">{t('cases.list.class')}</th>
              <th scope="col">{t('cases.list.opened')}</th>
              <th scope="col">{t('cases.list.investigation')}</th>
              <th scope="col">{t('cases.list.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.cases.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/cases/${c.id}`}>{c.pupilName}</Link>
                </th>
                <td>{c.className ?? '–'}</td>
                <td>{c.openedOn}</td>
                <td>
                  {c.investigationDeadline ? (
                    <>
                      {t('cases.list.deadline', { date: c.investigationDeadline })}{' '}
                      {c.isInvestigationOverdue && (
                        <span className="badge badge-danger">{t('cases.investigation.overdue')}</span>
                      )}
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td>{t(`cases.status.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <Section id="cases-reminders" title={t('cases.reminders.title', { count: reminderCount })}>
        {r && reminderCount === 0 && <p className="empty">{t('cases.reminders.none')}</p>}
        {r && (
          <ul>
            {r.concernReports.map((x) => (
              <li key={x.concernReportId}>
                <Link to={`/cases/${x.caseId}`}>{x.pupilName}</Link>:{' '}
                {t('cases.reminders.concern', { date: x.reportedOn, office: x.socialServicesOffice })}
              </li>
            ))}
            {r.investigations.map((x) => (
              <li key={x.caseId}>
                <Link to={`/cases/${x.caseId}`}>{x.pupilName}</Link>:{' '}
                {t('cases.reminders.investigation', { date: x.deadline })}
              </li>
            ))}
            {r.followUps.map((x) => (
              <li key={x.followUpId}>
                <Link to={`/cases/${x.caseId}`}>{x.pupilName}</Link>:{' '}
                {t('cases.reminders.followUp', { date: x.plannedOn, label: x.interventionLabel })}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {handovers.data && handovers.data.handovers.length > 0 && (
        <Section id="cases-handovers" title={t('cases.handover.incoming')}>
          {handovers.data.handovers.map((h) => (
            <div key={h.id} className="card">
              <h3>{h.pupilName}</h3>
              <p>
                {t('cases.handover.from', {
                  school: h.fromSchoolUnitName ?? '–',
                  date: h.preparedOn,
                  by: h.preparedByName ?? '–',
                })}
              </p>
              <p>{h.summary}</p>
            </div>
          ))}
        </Section>
      )}
    </Page>
  );
}
