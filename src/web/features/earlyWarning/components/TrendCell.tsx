import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../lib/format';
import { trendDirection } from '../filters';

const ARROWS = { up: '↑', down: '↓', same: '→' } as const;

/** Absence the last 4 weeks with an arrow and the words for it ("ökar från 12 %"); "Ingen data" without figures. */
export function TrendCell({ recent, previous }: { recent: number | null; previous: number | null }) {
  const { t, i18n } = useTranslation();
  if (recent === null) return <span className="figure figure-nodata">{t('figures.noData')}</span>;
  const direction = trendDirection(recent, previous);
  return (
    <span className="figure">
      <span className="figure-rate">{formatPercent(recent, i18n.language)}</span>
      <span className={`trend-note trend-${direction ?? 'none'}`}>
        {direction && <span aria-hidden="true">{ARROWS[direction]} </span>}
        {direction === null
          ? t('earlyWarning.trend.noPrevious')
          : t(`earlyWarning.trend.${direction}`, { previous: formatPercent(previous ?? 0, i18n.language) })}
      </span>
    </span>
  );
}
