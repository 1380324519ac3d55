import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { casesApi, type CaseDetail, type Catalogue } from '../features/cases/api';
import { Section } from '../features/cases/components/Section';
import { MappingSection } from '../features/cases/components/MappingSection';
import { ActionPlanSection } from '../features/cases/components/ActionPlanSection';
import {
  CausesSection, CloseSection, ConcernReportsSection, HandoverSection, InvestigationSection, MeetingsSection, MembersSection, TimelineSection,
} from '../features/cases/components/CaseSections';

/** Ärende: one pupil's case with its timeline and sections; every visit is recorded in the audit trail. */
export default function CaseRoute() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { caseId = '' } = useParams();
  const query = useApiQuery<CaseDetail>(casesApi.casePath(caseId));
  const catalogue = useApiQuery<Catalogue>(casesApi.cataloguePath());
  const detail = query.data?.case.id === caseId ? query.data : null;
  const targets = useApiQuery<{ schoolUnits: { id: string; name: string }[] }>(detail?.abilities.canClose ? casesApi.handoverTargetsPath(caseId) : null);
  const [status, setStatus] = useState('');
  const today = me?.today ?? new Date().toISOString().slice(0, 10);
  const handleChanged = (message: string) => {
    setStatus(message);
    query.reload();
  };
  // Sections remount after each change so their forms start from the saved state.
  const version = query.data ? JSON.stringify(query.data.timeline.length) + query.data.case.status : '';
  return (
    <Page title={detail ? t('cases.page.title', { name: detail.case.pupilName }) : t('cases.page.loading')}>
      <p className="back-link"><Link to="/cases"><span aria-hidden="true">‹ </span>{t('cases.page.back')}</Link></p>
      <LiveStatus message={status} />
      {query.error ? <ErrorMessage error={query.error} onRetry={query.reload} /> : !detail ? <Loading /> : (
        <div key={version}>
          <p className="lead">
            {t('cases.page.meta', { school: detail.case.schoolUnitName ?? '–', klass: detail.case.className ?? '–', opened: detail.case.openedOn })}{' '}
            <span className={`badge ${detail.case.status === 'open' ? 'badge-info' : 'badge-neutral'}`}>{t(`cases.status.${detail.case.status}`)}</span>
          </p>
          <p className="button-row">
            <Link to={`/pupils/${detail.case.pupilId}`}>{t('cases.page.pupilPage')}</Link>
            {detail.abilities.canWork && <a href={casesApi.pdfUrl(detail.case.id)} download>{t('cases.page.pdf')}</a>}
          </p>
          <Section id="case-members" title={t('cases.members.title')}><MembersSection detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-mapping" title={t('cases.mapping.title')}><MappingSection detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-investigation" title={t('cases.investigation.title')}><InvestigationSection detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-causes" title={t('cases.causes.title')}><CausesSection detail={detail} catalogue={catalogue.data} onChanged={handleChanged} /></Section>
          <Section id="case-plan" title={t('cases.plan.title')}><ActionPlanSection detail={detail} catalogue={catalogue.data} onChanged={handleChanged} /></Section>
          <Section id="case-concern" title={t('cases.concern.title')}><ConcernReportsSection detail={detail} today={today} onChanged={handleChanged} /></Section>
          <Section id="case-meetings" title={t('cases.meetings.title')}><MeetingsSection detail={detail} today={today} onChanged={handleChanged} /></Section>
          <Section id="case-handover" title={t('cases.handover.title')}><HandoverSection detail={detail} schoolUnits={targets.data?.schoolUnits ?? []} onChanged={handleChanged} /></Section>
          <Section id="case-close" title={detail.case.status === 'open' ? t('cases.close.title') : t('cases.close.reopenTitle')}><CloseSection detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-timeline" title={t('cases.timeline.title')}><TimelineSection detail={detail} /></Section>
        </div>
      )}
    </Page>
  );
}
