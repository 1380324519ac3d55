import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type PupilPage } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { PeriodPicker } from '../components/PeriodPicker';
import { PupilHeader } from '../features/pupils/components/PupilHeader';
import { FigureSummary } from '../features/pupils/components/FigureSummary';
import { MonthTable } from '../features/pupils/components/MonthTable';
import { WeekTable } from '../features/pupils/components/WeekTable';
import { PatternList } from '../features/pupils/components/PatternList';
import { TrendText } from '../features/pupils/components/TrendText';
import { Timeline } from '../features/pupils/components/Timeline';
import { GuardianList } from '../features/pupils/components/GuardianList';
import { AbsenceList } from '../features/pupils/components/AbsenceList';
import { AbsenceForm } from '../features/pupils/components/AbsenceForm';
import { PupilLadder } from '../features/pupils/components/PupilLadder';
import { PupilMessages } from '../features/messages/components/PupilMessages';
import { PupilCases } from '../features/cases/components/PupilCases';

/** A titled section of the pupil page. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="page-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The pupil page's content once loaded. */
function PupilContent({
  page,
  today,
  onChanged,
}: {
  page: PupilPage;
  today: string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Section id="pupil-figures" title={t('pupil.sections.figures')}>
        <FigureSummary figures={page.total} />
      </Section>
      <Section id="pupil-patterns" title={t('pupil.sections.patterns')}>
        <PatternList patterns={page.patterns} />
      </Section>
      <Section id="pupil-trend" title={t('pupil.sections.trend')}>
        <TrendText trend={page.trend} />
      </Section>
      <Section id="pupil-timeline" title={t('pupil.sections.timeline')}>
        <Timeline timeline={page.timeline} />
      </Section>
      <Section id="pupil-months" title={t('pupil.sections.months')}>
        <MonthTable months={page.months} />
      </Section>
      <Section id="pupil-weeks" title={t('pupil.sections.weeks')}>
        <WeekTable weeks={page.weeks} />
      </Section>
      <Section id="pupil-absences" title={t('pupil.sections.absences')}>
        <AbsenceList absences={page.absences} onChanged={onChanged} />
        <AbsenceForm pupilId={page.pupil.personId} today={today} onSaved={onChanged} />
      </Section>
      <Section id="pupil-guardians" title={t('pupil.sections.guardians')}>
        <GuardianList guardians={page.guardians} isHidden={page.isGuardianInfoHidden} />
      </Section>
      <Section id="pupil-messages" title={t('pupil.sections.messages')}>
        <PupilMessages pupilId={page.pupil.personId} />
      </Section>
    </>
  );
}

/** Elevsida: one pupil's figures, weeks, patterns, trend, lessons, guardians and absence reports. */
export default function PupilRoute() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { pupilId = '' } = useParams();
  const selection = usePeriodParams('thisTerm');
  const query = useApiQuery<PupilPage>(selection.isCustomInvalid ? null : api.pupilPath(pupilId, selection.period));
  const [status, setStatus] = useState('');
  const page = query.data?.pupil.personId === pupilId ? query.data : null;
  const name = page ? `${page.pupil.givenName} ${page.pupil.familyName}` : null;

  const handleChanged = (message: string) => {
    setStatus(message);
    query.reload();
  };

  return (
    <Page title={name ?? t('pupil.titleLoading')}>
      <p className="back-link">
        <Link to="/pupils">
          <span aria-hidden="true">‹ </span>
          {t('pupil.back')}
        </Link>
      </p>
      {page && <PupilHeader pupil={page.pupil} />}
      {page && (
        <Section id="pupil-ladder" title={t('pupil.sections.ladder')}>
          <PupilLadder pupilId={page.pupil.personId} />
        </Section>
      )}
      {page && (
        <Section id="pupil-cases" title={t('pupil.sections.cases')}>
          <PupilCases pupilId={page.pupil.personId} />
        </Section>
      )}
      <form className="filters" aria-label={t('period.formLabel')} onSubmit={(event) => event.preventDefault()}>
        <PeriodPicker selection={selection} />
      </form>
      <LiveStatus message={status} />
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !page ? (
        <Loading />
      ) : (
        <PupilContent page={page} today={me?.today ?? page.period.to} onChanged={handleChanged} />
      )}
    </Page>
  );
}
