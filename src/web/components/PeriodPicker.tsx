import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodSelection } from '../hooks/usePeriodParams';
import { PERIOD_PRESETS, type PeriodPreset } from '../lib/periods';
import { formatShortDate } from '../lib/format';

/** Period select (this month, last month, this term, custom) with date fields for a custom period. */
export function PeriodPicker({ selection }: { selection: PeriodSelection }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { preset, period, customFrom, customTo, isCustomInvalid, setPreset, setCustom } = selection;
  return (
    <div className="period-picker">
      <div className="field">
        <label htmlFor={`${id}-preset`}>{t('period.label')}</label>
        <select id={`${id}-preset`} value={preset} onChange={(event) => setPreset(event.target.value as PeriodPreset)}>
          {PERIOD_PRESETS.map((value) => (
            <option key={value} value={value}>
              {t(`period.presets.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {preset === 'custom' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('period.from')}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={customFrom}
              max={customTo || undefined}
              aria-invalid={isCustomInvalid || undefined}
              aria-describedby={isCustomInvalid ? `${id}-error` : undefined}
              onChange={(event) => setCustom(event.target.value, customTo)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('period.to')}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={customTo}
              min={customFrom || undefined}
              aria-invalid={isCustomInvalid || undefined}
              aria-describedby={isCustomInvalid ? `${id}-error` : undefined}
              onChange={(event) => setCustom(customFrom, event.target.value)}
            />
          </div>
        </>
      )}
      <p className="period-summary" id={`${id}-error`}>
        {isCustomInvalid ? (
          <span className="field-error">{t('period.invalid')}</span>
        ) : (
          t('period.summary', {
            from: formatShortDate(period.from, i18n.language),
            to: formatShortDate(period.to, i18n.language),
          })
        )}
      </p>
    </div>
  );
}
