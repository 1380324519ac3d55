import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PupilListResponse, type SchoolUnitsResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodPicker } from '../components/PeriodPicker';
import { UnitGroupFilter } from '../components/UnitGroupFilter';
import { PupilTable } from '../features/pupils/components/PupilTable';

/** Keeps the period when moving from the list to a pupil. */
function periodSearch(preset: string, from: string, to: string): string {
  const params = new URLSearchParams({ period: preset });
  if (preset === 'custom') {
    params.set('from', from);
    params.set('to', to);
  }
  return `?${params.toString()}`;
}

/** Elever: the pupils the user may see, with figures for a period, filtered and sortable. */
export default function PupilsRoute() {
  const { t } = useTranslation();
  const selection = usePeriodParams('thisMonth');
  const [schoolUnitId, setSchoolUnitId] = useSearchParam('schoolUnitId');
  const [groupId, setGroupId] = useSearchParam('groupId');
  const [search, setSearch] = useSearchParam('q');
  const units = useApiQuery<SchoolUnitsResponse>(api.schoolUnitsPath());
  const list = useApiQuery<PupilListResponse>(
    selection.isCustomInvalid
      ? null
      : api.pupilsPath(selection.period, schoolUnitId || undefined, groupId || undefined),
  );

  const visible = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('sv');
    const pupils = list.data?.pupils ?? [];
    if (!needle) return pupils;
    return pupils.filter((p) => `${p.givenName} ${p.familyName}`.toLocaleLowerCase('sv').includes(needle));
  }, [list.data, search]);

  return (
    <Page title={t('pupils.title')}>
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark is the form itself, so Enter stays a no-op submit. */}
      <form
        className="filters"
        role="search"
        aria-label={t('filters.label')}
        onSubmit={(event) => event.preventDefault()}
      >
        <UnitGroupFilter
          units={units.data}
          schoolUnitId={schoolUnitId}
          groupId={groupId}
          onSchoolUnitChange={(id) => setSchoolUnitId(id, ['groupId'])}
          onGroupChange={(id) => setGroupId(id)}
        />
        <PeriodPicker selection={selection} />
        <div className="field">
          <label htmlFor="filter-search">{t('filters.search')}</label>
          <input
            id="filter-search"
            type="search"
            value={search}
            autoComplete="off"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </form>
      {units.error && <ErrorMessage error={units.error} />}
      <section aria-labelledby="pupils-result" aria-busy={list.isLoading}>
        <h2 id="pupils-result">{t('pupils.resultHeading', { count: visible.length })}</h2>
        {list.error ? (
          <ErrorMessage error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <PupilTable
            pupils={visible}
            caption={t('pupils.caption')}
            linkSearch={periodSearch(selection.preset, selection.period.from, selection.period.to)}
          />
        )}
      </section>
    </Page>
  );
}
