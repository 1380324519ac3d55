import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { casesApi, type CaseDetail, type Catalogue } from '../features/cases/api';
import { Section } from '../features/cases/components/Section';
import { MappingSection } from '../features/cases/components/MappingSection';
import { ActionPlanSection } from '../features/cases/components/ActionPlanSection';
import {
  CausesSection,
  CloseSection,
  ConcernReportsSection,
  HandoverSection,
  InvestigationSection,
  MeetingsSection,
  MembersSection,
  TimelineSection,
} from '../features/cases/components/CaseSections';

/** Ärende: one pupil's case with its timeline and sections; every visit is recorded in the audit trail. */
export default function CaseRoute() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { caseId = '' } = useParams();
  const query = useApiQuery<CaseDetail>(casesApi.casePath(caseId));
  const catalogue = useApiQuery<Catalogue>(casesApi.cataloguePath());
  const detail = query.data?.case.id === caseId ? query.data : null;
  const targets = useApiQuery(detail?.abilities.canClose ? casesApi.handoverTargetsPath(caseId) : null);
  // The last save's message, shown in the section where it was made.
  const [status, setStatus] = useState({ section: '', message: '' });
  const today = me?.today ?? new Date().toISOString().slice(0, 10);
  const changedIn = (section: string) => (message: string) => {
    setStatus({ section, message });
    query.reload();
  };
  const statusOf = (section: string) => (status.section === section ? status.message : '');
  // A section remounts when its own data changes, so its forms start from the saved state while
  // text typed in other sections stays.
  const keyOf = (...parts: unknown[]) => JSON.stringify(parts);
  return (
    <Page title={detail ? t('cases.page.title', { name: detail.case.pupilName }) : t('cases.page.loading')}>
      <p className="back-link">
        <Link to="/cases">
          <span aria-hidden="true">‹ </span>
          {t('cases.page.back')}
        </Link>
      </p>
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !detail ? (
        <Loading />
      ) : (
        <div>
          <p className="lead">
            {t('cases.page.meta', {
              school: detail.case.schoolUnitName ?? '–',
              klass: detail.case.className ?? '–',
              opened: detail.case.openedOn,
            })}{' '}
            <span className={`badge ${detail.case.status === 'open' ? 'badge-info' : 'badge-neutral'}`}>
              {t(`cases.status.${detail.case.status}`)}
            </span>
          </p>
          <p className="button-row">
            <Link to={`/pupils/${detail.case.pupilId}`}>{t('cases.page.pupilPage')}</Link>
            {detail.abilities.canWork && (
              <a href={casesApi.pdfUrl(detail.case.id)} download>
                {t('cases.page.pdf')}
              </a>
            )}
          </p>
          <Section id="case-members" title={t('cases.members.title')} status={statusOf('case-members')}>
            <MembersSection
              key={keyOf(detail.members, detail.case.status)}
              detail={detail}
              onChanged={changedIn('case-members')}
            />
          </Section>
          <Section id="case-mapping" title={t('cases.mapping.title')} status={statusOf('case-mapping')}>
            <MappingSection
              key={keyOf(detail.mappings, detail.case.status)}
              detail={detail}
              onChanged={changedIn('case-mapping')}
            />
          </Section>
          <Section
            id="case-investigation"
            title={t('cases.investigation.title')}
            status={statusOf('case-investigation')}
          >
            <InvestigationSection
              key={keyOf(detail.investigations, detail.case.status)}
              detail={detail}
              onChanged={changedIn('case-investigation')}
            />
          </Section>
          <Section id="case-causes" title={t('cases.causes.title')} status={statusOf('case-causes')}>
            <CausesSection
              key={keyOf(detail.causes, detail.case.status)}
              detail={detail}
              catalogue={catalogue.data}
              onChanged={changedIn('case-causes')}
            />
          </Section>
          <Section id="case-plan" title={t('cases.plan.title')} status={statusOf('case-plan')}>
            <ActionPlanSection
              key={keyOf(detail.interventions, detail.case.status)}
              detail={detail}
              catalogue={catalogue.data}
              today={today}
              onChanged={changedIn('case-plan')}
            />
          </Section>
          <Section id="case-concern" title={t('cases.concern.title')} status={statusOf('case-concern')}>
            <ConcernReportsSection
              key={keyOf(detail.concernReports, detail.case.status)}
              detail={detail}
              today={today}
              onChanged={changedIn('case-concern')}
            />
          </Section>
          <Section id="case-meetings" title={t('cases.meetings.title')} status={statusOf('case-meetings')}>
            <MeetingsSection
              key={keyOf(detail.meetings, detail.case.status)}
              detail={detail}
              today={today}
              onChanged={changedIn('case-meetings')}
            />
          </Section>
          <Section id="case-handover" title={t('cases.handover.title')} status={statusOf('case-handover')}>
            <HandoverSection
              key={keyOf(detail.handovers, detail.case.status)}
              detail={detail}
              schoolUnits={targets.data?.schoolUnits ?? []}
              onChanged={changedIn('case-handover')}
            />
          </Section>
          <Section
            id="case-close"
            title={detail.case.status === 'open' ? t('cases.close.title') : t('cases.close.reopenTitle')}
            status={statusOf('case-close')}
          >
            <CloseSection key={keyOf(detail.case.status)} detail={detail} onChanged={changedIn('case-close')} />
          </Section>
          <Section id="case-timeline" title={t('cases.timeline.title')}>
            <TimelineSection detail={detail} />
          </Section>
        </div>
      )}
    </Page>
  );
}
