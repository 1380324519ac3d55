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
  // A section remounts when its own data changes, so its forms start from the saved state while
  // text typed in other sections stays.
  const keyOf = (...parts: unknown[]) => JSON.stringify(parts);
  return (
    <Page title={detail ? t('cases.page.title', { name: detail.case.pupilName }) : t('cases.page.loading')}>
      <p className="back-link"><Link to="/cases"><span aria-hidden="true">‹ </span>{t('cases.page.back')}</Link></p>
      <LiveStatus message={status} />
      {query.error ? <ErrorMessage error={query.error} onRetry={query.reload} /> : !detail ? <Loading /> : (
        <div>
          <p className="lead">
            {t('cases.page.meta', { school: detail.case.schoolUnitName ?? '–', klass: detail.case.className ?? '–', opened: detail.case.openedOn })}{' '}
            <span className={`badge ${detail.case.status === 'open' ? 'badge-info' : 'badge-neutral'}`}>{t(`cases.status.${detail.case.status}`)}</span>
          </p>
          <p className="button-row">
            <Link to={`/pupils/${detail.case.pupilId}`}>{t('cases.page.pupilPage')}</Link>
            {detail.abilities.canWork && <a href={casesApi.pdfUrl(detail.case.id)} download>{t('cases.page.pdf')}</a>}
          </p>
          <Section id="case-members" title={t('cases.members.title')}><MembersSection key={keyOf(detail.members, detail.case.status)} detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-mapping" title={t('cases.mapping.title')}><MappingSection key={keyOf(detail.mappings, detail.case.status)} detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-investigation" title={t('cases.investigation.title')}><InvestigationSection key={keyOf(detail.investigations, detail.case.status)} detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-causes" title={t('cases.causes.title')}><CausesSection key={keyOf(detail.causes, detail.case.status)} detail={detail} catalogue={catalogue.data} onChanged={handleChanged} /></Section>
          <Section id="case-plan" title={t('cases.plan.title')}><ActionPlanSection key={keyOf(detail.interventions, detail.case.status)} detail={detail} catalogue={catalogue.data} onChanged={handleChanged} /></Section>
          <Section id="case-concern" title={t('cases.concern.title')}><ConcernReportsSection key={keyOf(detail.concernReports, detail.case.status)} detail={detail} today={today} onChanged={handleChanged} /></Section>
          <Section id="case-meetings" title={t('cases.meetings.title')}><MeetingsSection key={keyOf(detail.meetings, detail.case.status)} detail={detail} today={today} onChanged={handleChanged} /></Section>
          <Section id="case-handover" title={t('cases.handover.title')}><HandoverSection key={keyOf(detail.handovers, detail.case.status)} detail={detail} schoolUnits={targets.data?.schoolUnits ?? []} onChanged={handleChanged} /></Section>
          <Section id="case-close" title={detail.case.status === 'open' ? t('cases.close.title') : t('cases.close.reopenTitle')}><CloseSection key={keyOf(detail.case.status)} detail={detail} onChanged={handleChanged} /></Section>
          <Section id="case-timeline" title={t('cases.timeline.title')}><TimelineSection detail={detail} /></Section>
        </div>
      )}
    </Page>
  );
}
