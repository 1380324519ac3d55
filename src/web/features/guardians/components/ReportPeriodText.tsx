import { useTranslation } from 'react-i18next';
import { formatShortDate } from '../../../lib/format';
import { reportPeriod } from '../portalDates';

/** A report's period as people say it: "8 dec., hela dagen", "8 dec. 08:00–12:00". */
export function ReportPeriodText({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const { t, i18n } = useTranslation();
  const date = (d: string) => formatShortDate(d, i18n.language);
  const period = reportPeriod(startsAt, endsAt);
  switch (period.kind) {
    case 'wholeDays':
      return (
        <>
          {period.fromDate === period.toDate
            ? t('guardianPortal.reports.period.wholeDay', { date: date(period.fromDate) })
            : t('guardianPortal.reports.period.wholeDays', { from: date(period.fromDate), to: date(period.toDate) })}
        </>
      );
    case 'partOfDay':
      return (
        <>
          {t('guardianPortal.reports.period.partOfDay', {
            date: date(period.date),
            from: period.fromTime,
            to: period.toTime,
          })}
        </>
      );
    case 'span':
      return (
        <>
          {t('guardianPortal.reports.period.span', {
            from: date(period.fromDate),
            fromTime: period.fromTime,
            to: date(period.toDate),
            toTime: period.toTime,
          })}
        </>
      );
  }
}
