import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Period } from '../api/endpoints';
import { customPeriod, parsePreset, presetPeriod, type PeriodPreset } from '../lib/periods';
import { useAuth } from '../auth/AuthContext';

/** The period selection as kept in the URL (`?period=thisMonth` or `?period=custom&from=…&to=…`). */
export interface PeriodSelection {
  preset: PeriodPreset;
  /** The dates to query; for an incomplete custom period, the preset's fallback dates. */
  period: Period;
  /** Custom dates as typed (may be incomplete). */
  customFrom: string;
  customTo: string;
  /** A custom period whose dates are missing or reversed. */
  isCustomInvalid: boolean;
  setPreset: (preset: PeriodPreset) => void;
  setCustom: (from: string, to: string) => void;
}

/**
 * Reads and writes the period in the URL so a filtered view can be bookmarked and the back
 * button works. Presets are resolved against the server's today (Me.today).
 * @param fallback preset used when the URL names none
 */
export function usePeriodParams(fallback: PeriodPreset): PeriodSelection {
  const { me } = useAuth();
  const today = me?.today ?? new Date().toISOString().slice(0, 10);
  const [params, setParams] = useSearchParams();
  const preset = parsePreset(params.get('period'), fallback);
  const customFrom = params.get('from') ?? '';
  const customTo = params.get('to') ?? '';

  const period = useMemo<Period>(() => {
    if (preset === 'custom') return customPeriod(customFrom, customTo) ?? presetPeriod('thisMonth', today);
    return presetPeriod(preset, today);
  }, [preset, customFrom, customTo, today]);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPreset = useCallback(
    (value: PeriodPreset) => {
      if (value === 'custom') update({ period: value, from: period.from, to: period.to });
      else update({ period: value, from: null, to: null });
    },
    [update, period.from, period.to],
  );

  const setCustom = useCallback((from: string, to: string) => update({ period: 'custom', from, to }), [update]);

  return {
    preset,
    period,
    customFrom,
    customTo,
    isCustomInvalid: preset === 'custom' && customPeriod(customFrom, customTo) === null,
    setPreset,
    setCustom,
  };
}
