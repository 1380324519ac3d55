import { useTranslation } from 'react-i18next';
import { addDays } from '@shared/dates';

/** Day navigation: previous/next day, a date field and a jump back to today. */
export function DayPicker({
  date,
  today,
  onChange,
}: {
  date: string;
  today: string;
  onChange: (date: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="day-picker">
      <button type="button" className="button button-secondary" onClick={() => onChange(addDays(date, -1))}>
        <span aria-hidden="true">‹ </span>
        {t('lessons.previousDay')}
      </button>
      <div className="field field-inline">
        <label htmlFor="lessons-date">{t('lessons.date')}</label>
        <input
          id="lessons-date"
          type="date"
          value={date}
          required
          onChange={(event) => {
            if (event.target.value) onChange(event.target.value);
          }}
        />
      </div>
      <button type="button" className="button button-secondary" onClick={() => onChange(addDays(date, 1))}>
        {t('lessons.nextDay')}
        <span aria-hidden="true"> ›</span>
      </button>
      {date !== today && (
        <button type="button" className="button button-secondary" onClick={() => onChange(today)}>
          {t('lessons.today')}
        </button>
      )}
    </div>
  );
}
