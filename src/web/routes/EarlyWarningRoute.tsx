import { useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type EarlyWarningResponse, type EarlyWarningScope, type SchoolUnitsResponse } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { canEvaluateLadders, earlyWarningScopesFor, schoolUnitsWithRole } from '../auth/permissions';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { UnitGroupFilter } from '../components/UnitGroupFilter';
import { formatLongDate } from '../lib/format';
import { stepLabel } from '../features/ladders/ladderText';
import { EvaluateButton } from '../features/ladders/components/EvaluateButton';
import { filterRows } from '../features/earlyWarning/filters';
import { EarlyWarningTable } from '../features/earlyWarning/components/EarlyWarningTable';
import { KpiCard, PerSchoolTable, StepCounts } from '../features/earlyWarning/components/Summary';

/**
 * Tidiga signaler: the pupils on a ladder step in the user's scope (Mina elever, Skolan,
 * Huvudman), the headline "without an ongoing measure" figure with the list behind it, counts
 * per step, a sortable and filterable table, CSV export and "Utvärdera nu".
 */
export default function EarlyWarningRoute() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const scopes = me ? earlyWarningScopesFor(me) : [];
  const [scopeParam] = useSearchParam('scope');
  const [schoolUnitId, setSchoolUnitId] = useSearchParam('unit');
  const [stepParam, setStep] = useSearchParam('step');
  const [isNewParam, setIsNew] = useSearchParam('new');
  const [withoutParam, setWithout] = useSearchParam('without');
  const tableHeadingRef = useRef<HTMLHeadingElement>(null);
  const scope: EarlyWarningScope | undefined = scopes.includes(scopeParam as EarlyWarningScope)
    ? (scopeParam as EarlyWarningScope)
    : scopes[0];
  const hasUnitPicker = scope === 'school' || scope === 'organiser';
  const params = scope ? { scope, schoolUnitId: hasUnitPicker && schoolUnitId ? schoolUnitId : undefined } : null;
  const query = useApiQuery<EarlyWarningResponse>(params ? api.earlyWarningPath(params) : null);
  const units = useApiQuery<SchoolUnitsResponse>(hasUnitPicker ? api.schoolUnitsPath() : null);
  const data = query.data;

  const step = /^\d+$/.test(stepParam) ? Number(stepParam) : null;
  const rows = useMemo(
    () =>
      filterRows(data?.rows ?? [], {
        step,
        isNewOnly: isNewParam === '1',
        isWithoutMeasureOnly: withoutParam === '1',
        schoolUnitId: null,
      }),
    [data, step, isNewParam, withoutParam],
  );
  const onStepTotal = data?.rows.length ?? 0;

  const showWithoutMeasure = (unitId?: string | null) => {
    if (unitId !== undefined) setSchoolUnitId(unitId ?? '');
    setWithout(withoutParam === '1' && unitId === undefined ? '' : '1');
    requestAnimationFrame(() => tableHeadingRef.current?.focus());
  };

  const evaluateUnit =
    schoolUnitId || (scope === 'school' && me ? schoolUnitsWithRole(me, 'principal', 'studentHealth')[0] : undefined);
  const scopeSearch = (value: EarlyWarningScope) => `?scope=${value}`;

  return (
    <Page title={t('earlyWarning.title')}>
      <p>{t('earlyWarning.intro')}</p>
      {scopes.length > 1 && (
        <nav aria-label={t('earlyWarning.scopeNav')} className="scope-tabs">
          <ul>
            {scopes.map((value) => (
              <li key={value}>
                <Link to={{ search: scopeSearch(value) }} aria-current={value === scope ? 'page' : undefined}>
                  {t(`earlyWarning.scopes.${value}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {!scope ? (
        <p>{t('earlyWarning.noScope')}</p>
      ) : (
        <>
          {scopes.length === 1 && <p className="lead">{t(`earlyWarning.scopeLead.${scope}`)}</p>}
          <div className="toolbar">
            {hasUnitPicker && (
              <form
                className="filters"
                aria-label={t('earlyWarning.unitForm')}
                onSubmit={(event) => event.preventDefault()}
              >
                <UnitGroupFilter
                  units={units.data}
                  schoolUnitId={schoolUnitId}
                  onSchoolUnitChange={(id) => setSchoolUnitId(id)}
                />
              </form>
            )}
            {me && canEvaluateLadders(me) && scope !== 'mine' && (
              <EvaluateButton schoolUnitId={evaluateUnit || undefined} onDone={() => query.reload()} />
            )}
          </div>
          {query.error ? (
            <ErrorMessage error={query.error} onRetry={query.reload} />
          ) : !data ? (
            <Loading />
          ) : (
            <>
              <p className="muted">{t('earlyWarning.asOf', { date: formatLongDate(data.date, i18n.language) })}</p>
              <section aria-labelledby="ew-kpi" className="page-section">
                <h2 id="ew-kpi">{t('earlyWarning.kpi.heading')}</h2>
                <KpiCard
                  count={data.withoutMeasure}
                  onStep={onStepTotal}
                  overdueTasks={data.overdueTasks}
                  overdueInvestigations={data.overdueInvestigations}
                  isShowing={withoutParam === '1'}
                  onShow={() => showWithoutMeasure()}
                />
                {scope === 'organiser' && (
                  <PerSchoolTable perSchool={data.perSchool} onShow={(id) => showWithoutMeasure(id)} />
                )}
              </section>
              <section aria-labelledby="ew-steps" className="page-section">
                <h2 id="ew-steps">{t('earlyWarning.perStepHeading')}</h2>
                <StepCounts perStep={data.perStep} total={onStepTotal} />
              </section>
              <section aria-labelledby="ew-list" className="page-section" aria-busy={query.isLoading}>
                <h2 id="ew-list" ref={tableHeadingRef} tabIndex={-1}>
                  {t('earlyWarning.listHeading', { count: rows.length, total: onStepTotal })}
                </h2>
                <form
                  className="filters"
                  aria-label={t('earlyWarning.filtersLabel')}
                  onSubmit={(event) => event.preventDefault()}
                >
                  <div className="field">
                    <label htmlFor="ew-step">{t('earlyWarning.filters.step')}</label>
                    <select
                      id="ew-step"
                      value={step === null ? '' : String(step)}
                      onChange={(event) => setStep(event.target.value)}
                    >
                      <option value="">{t('earlyWarning.filters.allSteps')}</option>
                      {data.perStep.map((s) => (
                        <option key={s.stepIndex} value={s.stepIndex}>
                          {stepLabel(t, s.stepIndex, s.stepName)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field field-checkbox">
                    <input
                      id="ew-new"
                      type="checkbox"
                      checked={isNewParam === '1'}
                      onChange={(event) => setIsNew(event.target.checked ? '1' : '')}
                    />
                    <label htmlFor="ew-new">{t('earlyWarning.filters.newOnly')}</label>
                  </div>
                  <div className="field field-checkbox">
                    <input
                      id="ew-without"
                      type="checkbox"
                      checked={withoutParam === '1'}
                      onChange={(event) => setWithout(event.target.checked ? '1' : '')}
                    />
                    <label htmlFor="ew-without">{t('earlyWarning.filters.withoutOnly')}</label>
                  </div>
                  {params && (
                    <a className="button button-secondary" href={api.earlyWarningCsvUrl(params)} download>
                      {t('earlyWarning.exportCsv')}
                    </a>
                  )}
                </form>
                {data.rows.length === 0 && <p className="message message-info">{t('earlyWarning.emptyHint')}</p>}
                <EarlyWarningTable rows={rows} showSchool={scope === 'organiser'} caption={t('earlyWarning.caption')} />
              </section>
            </>
          )}
        </>
      )}
    </Page>
  );
}
