import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodPicker } from '../components/PeriodPicker';
import { formatPercent } from '../lib/format';
import { casesApi, type OrganiserOverviewResponse } from '../features/cases/api';
import { ScrollTable, Section } from '../features/cases/components/Section';
import { CaseSettingsForm } from '../features/cases/components/CaseSettingsForm';
import { LiveStatus } from '../components/LiveStatus';

/** Huvudmannens ärendeöversikt: investigations per school, notices, concern reports, causes, interventions and their outcomes, meetings. */
export default function CaseOverviewRoute() {
  const { t, i18n } = useTranslation();
  const selection = usePeriodParams('thisTerm');
  const query = useApiQuery<OrganiserOverviewResponse>(
    selection.isCustomInvalid ? null : casesApi.overviewPath(selection.period.from, selection.period.to),
  );
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(v, i18n.language));
  const o = query.data;
  const [message, setMessage] = useState('');
  return (
    <Page title={t('cases.overview.title')}>
      <PeriodPicker selection={selection} />
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !o ? (
        <Loading />
      ) : (
        <>
          <Section id="overview-schools" title={t('cases.overview.schools')}>
            <ScrollTable caption={t('cases.overview.schools')} isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('cases.notices.school')}</th>
                  <th scope="col">{t('cases.overview.openCases')}</th>
                  <th scope="col">{t('cases.overview.opened')}</th>
                  <th scope="col">{t('cases.overview.completed')}</th>
                  <th scope="col">{t('cases.overview.overdue')}</th>
                  <th scope="col">{t('cases.overview.concernWaiting')}</th>
                </tr>
              </thead>
              <tbody>
                {o.schools.map((s) => (
                  <tr key={s.schoolUnitId}>
                    <th scope="row">{s.schoolUnitName ?? '–'}</th>
                    <td>{s.openCases}</td>
                    <td>{s.investigationsOpened}</td>
                    <td>{s.investigationsCompleted}</td>
                    <td>{s.investigationsOverdue}</td>
                    <td>{s.concernReportsWithoutFeedback}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
            <p>{t('cases.overview.notices', o.notices)}</p>
            <p>{t('cases.overview.concern', o.concernReports)}</p>
            <p>
              {t('cases.overview.meetings', {
                ...o.meetings,
                mean: o.meetings.meanRating === null ? '–' : o.meetings.meanRating.toFixed(1).replace('.', ','),
              })}
            </p>
          </Section>
          <Section id="overview-interventions" title={t('cases.overview.interventions')}>
            <p className="hint">{t('cases.overview.interventionsHint')}</p>
            <ScrollTable caption={t('cases.overview.interventions')} isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('cases.plan.intervention')}</th>
                  <th scope="col">{t('cases.overview.count')}</th>
                  <th scope="col">{t('cases.overview.schoolCount')}</th>
                  <th scope="col">{t('cases.overview.followUps')}</th>
                  <th scope="col">{t('cases.plan.before')}</th>
                  <th scope="col">{t('cases.plan.since')}</th>
                  <th scope="col">{t('cases.overview.improved')}</th>
                  <th scope="col">{t('cases.overview.worsened')}</th>
                </tr>
              </thead>
              <tbody>
                {o.interventions.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">{i.label}</th>
                    <td>{i.count}</td>
                    <td>{i.schools}</td>
                    <td>{i.followUps}</td>
                    <td>{pct(i.meanBeforeRate)}</td>
                    <td>{pct(i.meanSinceRate)}</td>
                    <td>{i.improved}</td>
                    <td>{i.worsened}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </Section>
          <Section id="overview-causes" title={t('cases.overview.causes')}>
            <ScrollTable caption={t('cases.overview.causes')} isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('cases.causes.cause')}</th>
                  <th scope="col">{t('cases.overview.cases')}</th>
                  <th scope="col">{t('cases.overview.asPrimary')}</th>
                </tr>
              </thead>
              <tbody>
                {o.causes.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">{c.label}</th>
                    <td>{c.cases}</td>
                    <td>{c.asPrimary}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </Section>
        </>
      )}
      <LiveStatus message={message} />
      <CaseSettingsForm onSaved={setMessage} />
    </Page>
  );
}
