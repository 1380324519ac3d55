import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';
import { formatMonth } from '../../../lib/format';
import { PeriodFiguresTable } from './PeriodFiguresTable';

/** Figures per calendar month. */
export function MonthTable({ months }: { months: PupilPage['months'] }) {
  const { t, i18n } = useTranslation();
  const rows = months.map((month) => ({
    key: month.monthKey,
    label: formatMonth(month.monthKey, i18n.language),
    figures: month.figures,
  }));
  return <PeriodFiguresTable caption={t('pupil.months.caption')} periodHeader={t('pupil.months.month')} rows={rows} />;
}
