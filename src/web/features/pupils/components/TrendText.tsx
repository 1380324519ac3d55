import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';
import { formatPercent } from '../../../lib/format';

/** Changes smaller than this (half a percentage point) read as unchanged. */
const UNCHANGED_BELOW = 0.005;

/** The trend in words: the last 28 days against the 28 days before. */
export function TrendText({ trend }: { trend: PupilPage['trend'] }) {
  const { t, i18n } = useTranslation();
  const recent = trend.recent.absentRate;
  const previous = trend.previous.absentRate;
  if (recent === null || previous === null) return <p>{t('trend.noData')}</p>;
  const difference = recent - previous;
  const direction = Math.abs(difference) < UNCHANGED_BELOW ? 'same' : difference > 0 ? 'up' : 'down';
  return (
    <p className={`trend trend-${direction}`}>
      {t(`trend.${direction}`, {
        recent: formatPercent(recent, i18n.language),
        previous: formatPercent(previous, i18n.language),
      })}
    </p>
  );
}
