import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type LaddersResponse, type SchoolUnitsResponse } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { canEvaluateLadders, hasOrganiserRole, schoolUnitsWithRole } from '../auth/permissions';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { formatShortDate } from '../lib/format';
import { termOf } from '../lib/periods';
import type { LadderVersionSummary } from '@shared/schemas/ladders';
import {
  definitionOf,
  historyOf,
  ORGANISER_SCOPE,
  scopeOf,
  upcomingVersions,
  versionInForce,
} from '../features/ladders/versions';
import { LadderView } from '../features/ladders/components/LadderView';
import { CreateDraftForm } from '../features/ladders/components/CreateDraftForm';
import { DraftPanel } from '../features/ladders/components/DraftPanel';
import { VersionHistory } from '../features/ladders/components/VersionHistory';
import { EvaluateButton } from '../features/ladders/components/EvaluateButton';

/**
 * Närvarotrappa (rektor for own school units, huvudman for the organiser and every unit): the
 * version in force in plain language, a new draft from a preset / the current version / a file,
 * the draft's editor with preview and publish, and the version history.
 */
export default function LadderRoute() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const today = me?.today ?? new Date().toISOString().slice(0, 10);
  const ladders = useApiQuery<LaddersResponse>(api.laddersPath());
  const units = useApiQuery<SchoolUnitsResponse>(api.schoolUnitsPath());
  const [unitParam, setUnitParam] = useSearchParam('unit');
  const [selectedId, setSelectedId] = useSearchParam('version');
  const [status, setStatus] = useState('');
  const [focusVersionId, setFocusVersionId] = useState<string | null>(null);
  const selectedHeadingRef = useRef<HTMLHeadingElement>(null);
  const historyHeadingRef = useRef<HTMLHeadingElement>(null);

  const isOrganiserAdmin = me ? hasOrganiserRole(me, 'organiserAdmin') : false;
  const principalUnits = me ? schoolUnitsWithRole(me, 'principal') : [];
  const unitIds = isOrganiserAdmin ? (units.data?.schoolUnits ?? []).map((u) => u.id) : principalUnits;
  const scopes = [...(isOrganiserAdmin ? [ORGANISER_SCOPE] : []), ...unitIds];
  const scope = scopes.includes(unitParam) ? unitParam : (scopes[0] ?? '');
  const unitName = (id: string) =>
    id === ORGANISER_SCOPE
      ? t('ladderPage.organiserScope')
      : (units.data?.schoolUnits.find((u) => u.id === id)?.name ?? t('ladderPage.unknownUnit'));

  const versions = ladders.data?.versions ?? [];
  const inForce = scope ? versionInForce(versions, scope, today) : null;
  const upcoming = scope ? upcomingVersions(versions, scope, today) : [];
  const history = scope ? historyOf(versions, scope, inForce) : [];
  const selected: LadderVersionSummary | undefined = history.find((v) => v.id === selectedId);

  useEffect(() => {
    if (focusVersionId && selected?.id === focusVersionId) {
      selectedHeadingRef.current?.focus();
      setFocusVersionId(null);
    }
  }, [focusVersionId, selected]);

  const openVersion = (id: string) => {
    setSelectedId(id);
    setFocusVersionId(id);
  };

  const handleCreated = (created: { id: string; version: number }, message: string) => {
    setStatus(message);
    ladders.reload();
    openVersion(created.id);
  };

  const handlePublished = (version: LadderVersionSummary, effectiveFrom: string) => {
    setStatus(
      t('ladderPage.published', { version: version.version, date: formatShortDate(effectiveFrom, i18n.language) }),
    );
    ladders.reload();
    // The draft's buttons are gone: focus goes to the version's heading (now "Version N: …").
    setFocusVersionId(version.id);
  };

  const handleSaved = (version: LadderVersionSummary) => {
    setStatus(t('ladderPage.saved', { version: version.version }));
    ladders.reload();
    // The save buttons are disabled now (nothing unsaved): focus goes to the draft's heading.
    setFocusVersionId(version.id);
  };

  const handleDiscarded = (version: LadderVersionSummary) => {
    setStatus(t('ladderPage.discarded', { version: version.version }));
    setSelectedId('');
    ladders.reload();
    // The draft's section is gone: focus goes to the version history.
    requestAnimationFrame(() => historyHeadingRef.current?.focus());
  };

  const evaluateUnit = scope === ORGANISER_SCOPE ? undefined : scope;

  return (
    <Page title={t('ladderPage.title')}>
      <p>{t('ladderPage.intro')}</p>
      {scopes.length > 1 ? (
        <form className="filters" aria-label={t('ladderPage.scopeForm')} onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor="ladder-scope">{t('ladderPage.scope')}</label>
            <select id="ladder-scope" value={scope} onChange={(event) => setUnitParam(event.target.value, ['version'])}>
              {scopes.map((id) => (
                <option key={id} value={id}>
                  {unitName(id)}
                </option>
              ))}
            </select>
          </div>
        </form>
      ) : (
        scope && <p className="lead">{t('ladderPage.scopeFixed', { name: unitName(scope) })}</p>
      )}
      <LiveStatus message={status} />
      {units.error && <ErrorMessage error={units.error} />}
      {ladders.error ? (
        <ErrorMessage error={ladders.error} onRetry={ladders.reload} />
      ) : !ladders.data || !me ? (
        <Loading />
      ) : !scope ? (
        <p>{t('ladderPage.noScope')}</p>
      ) : (
        <>
          <section aria-labelledby="ladder-in-force" className="page-section">
            <h2 id="ladder-in-force">{t('ladderPage.inForceHeading')}</h2>
            {inForce ? (
              <>
                <p className="lead">
                  {t('ladderPage.inForce', {
                    name: inForce.name,
                    version: inForce.version,
                    date: formatShortDate(inForce.effectiveFrom, i18n.language),
                  })}
                </p>
                {scopeOf(inForce) !== scope && (
                  <p className="message message-info">{t('ladderPage.followsOrganiser')}</p>
                )}
              </>
            ) : (
              <p>{t('ladderPage.noneInForce', { name: unitName(scope) })}</p>
            )}
            {upcoming.map((v) => (
              <p key={v.id} className="message message-info">
                {t('ladderPage.upcoming', {
                  name: v.name,
                  version: v.version,
                  date: formatShortDate(v.effectiveFrom, i18n.language),
                })}
              </p>
            ))}
            {canEvaluateLadders(me) && (inForce || upcoming.length > 0) && (
              <EvaluateButton schoolUnitId={evaluateUnit} onDone={() => ladders.reload()} />
            )}
            {inForce && <LadderView definition={definitionOf(inForce)} />}
          </section>

          {selected && (
            <section aria-labelledby="ladder-selected" className="page-section selected-version">
              <h2 id="ladder-selected" ref={selectedHeadingRef} tabIndex={-1}>
                {selected.status === 'draft'
                  ? t('ladderPage.draftHeading', { name: selected.name, version: selected.version })
                  : t('ladderPage.versionHeading', { name: selected.name, version: selected.version })}
              </h2>
              {selected.status === 'draft' ? (
                <DraftPanel
                  key={selected.id}
                  version={selected}
                  current={inForce ? definitionOf(inForce) : null}
                  onSaved={handleSaved}
                  onPublished={handlePublished}
                  onDiscarded={handleDiscarded}
                />
              ) : (
                <>
                  <p>
                    {t('ladderPage.publishedVersion', { date: formatShortDate(selected.effectiveFrom, i18n.language) })}
                  </p>
                  <p>
                    <a className="button button-link" href={api.ladderExportUrl(selected.id)} download>
                      {t('ladderDraft.export')}
                    </a>
                  </p>
                  <LadderView definition={definitionOf(selected)} />
                </>
              )}
            </section>
          )}

          <section aria-labelledby="ladder-new" className="page-section">
            <h2 id="ladder-new">{t('ladderPage.newHeading')}</h2>
            <CreateDraftForm
              labelledBy="ladder-new"
              presets={ladders.data.presets}
              inForce={inForce}
              schoolUnitId={scope === ORGANISER_SCOPE ? null : scope}
              defaultDate={termOf(today).from}
              onCreated={(created) => handleCreated(created, t('ladderPage.created', { version: created.version }))}
            />
          </section>

          <section aria-labelledby="ladder-history" className="page-section">
            <h2 id="ladder-history" ref={historyHeadingRef} tabIndex={-1}>
              {t('ladderPage.historyHeading')}
            </h2>
            <VersionHistory
              versions={history}
              inForceId={inForce?.id ?? null}
              selectedId={selected?.id ?? ''}
              onOpen={openVersion}
            />
          </section>
        </>
      )}
    </Page>
  );
}
