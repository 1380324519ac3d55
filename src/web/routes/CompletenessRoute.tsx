import { useTranslation } from 'react-i18next';
import { api, type CompletenessResponse, type SchoolUnitsResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodPicker } from '../components/PeriodPicker';
import { UnitGroupFilter } from '../components/UnitGroupFilter';
import { CompletenessTable } from '../features/completeness/components/CompletenessTable';

/** Registreringsgrad: share of confirmed lessons per school unit and per teacher, worst first. */
export default function CompletenessRoute() {
  const { t } = useTranslation();
  const selection = usePeriodParams('thisMonth');
  const [schoolUnitId, setSchoolUnitId] = useSearchParam('schoolUnitId');
  const units = useApiQuery<SchoolUnitsResponse>(api.schoolUnitsPath());
  const query = useApiQuery<CompletenessResponse>(
    selection.isCustomInvalid ? null : api.completenessPath(selection.period, schoolUnitId || undefined),
  );
  return (
    <Page title={t('completeness.title')}>
      <p>{t('completeness.intro')}</p>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <UnitGroupFilter
          units={units.data}
          schoolUnitId={schoolUnitId}
          onSchoolUnitChange={(id) => setSchoolUnitId(id)}
        />
        <PeriodPicker selection={selection} />
      </form>
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="completeness-units" className="page-section">
            <h2 id="completeness-units">{t('completeness.unitsHeading')}</h2>
            <CompletenessTable
              rows={query.data.schoolUnits}
              caption={t('completeness.unitsCaption')}
              nameHeader={t('completeness.columns.schoolUnit')}
            />
          </section>
          <section aria-labelledby="completeness-teachers" className="page-section">
            <h2 id="completeness-teachers">{t('completeness.teachersHeading')}</h2>
            <CompletenessTable
              rows={query.data.teachers}
              caption={t('completeness.teachersCaption')}
              nameHeader={t('completeness.columns.teacher')}
              showSchoolUnit
            />
          </section>
        </>
      )}
    </Page>
  );
}
