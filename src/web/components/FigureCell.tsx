import { useTranslation } from 'react-i18next';
import { formatPercent } from '../lib/format';

/**
 * A rate with its coverage (täckning) beside it. A null rate means no known minutes and is
 * shown as "Ingen data", never as 0 %.
 */
export function FigureCell({
  rate,
  coverage,
  showCoverage = true,
}: {
  rate: number | null;
  coverage: number | null;
  showCoverage?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (rate === null) return <span className="figure figure-nodata">{t('figures.noData')}</span>;
  return (
    <span className="figure">
      <span className="figure-rate">{formatPercent(rate, i18n.language)}</span>
      {showCoverage && (
        <span className="figure-coverage">
          {t('figures.coverageShort', {
            value: coverage === null ? t('figures.noData') : formatPercent(coverage, i18n.language, 0),
          })}
        </span>
      )}
    </span>
  );
}

/** A share on its own (coverage, completeness), "Ingen data" when null. */
export function ShareCell({ share }: { share: number | null }) {
  const { t, i18n } = useTranslation();
  if (share === null) return <span className="figure figure-nodata">{t('figures.noData')}</span>;
  return <span className="figure">{formatPercent(share, i18n.language)}</span>;
}
