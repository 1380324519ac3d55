import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';
import { Badge } from '../../../components/Badge';
import { formatShortDate, weekNumber } from '../../../lib/format';
import { PeriodFiguresTable } from './PeriodFiguresTable';

/** Figures per school week; incomplete weeks and weeks without registration are marked in text and highlighted. */
export function WeekTable({ weeks }: { weeks: PupilPage['weeks'] }) {
  const { t, i18n } = useTranslation();
  const rows = weeks.map((week) => ({
    key: week.weekKey,
    label: t('pupil.weeks.label', {
      week: weekNumber(week.weekKey),
      monday: formatShortDate(week.monday, i18n.language),
    }),
    figures: week.figures,
    className: week.isIncomplete ? 'row-highlight' : week.hasNoRegistration ? 'row-muted' : undefined,
    note: week.isIncomplete ? (
      <Badge tone="warning">{t('pupil.weeks.incomplete')}</Badge>
    ) : week.hasNoRegistration ? (
      <Badge tone="neutral">{t('pupil.weeks.noRegistration')}</Badge>
    ) : (
      t('pupil.weeks.complete')
    ),
  }));
  const incomplete = weeks.filter((week) => week.isIncomplete).length;
  return (
    <>
      <p>{t('pupil.weeks.incompleteSummary', { count: incomplete, total: weeks.length })}</p>
      <PeriodFiguresTable
        caption={t('pupil.weeks.caption')}
        periodHeader={t('pupil.weeks.week')}
        rows={rows}
        noteHeader={t('pupil.weeks.status')}
      />
    </>
  );
}
