/** Locale-aware formatting of rates, numbers and dates (dates are YYYY-MM-DD school-local strings). */
import { localeOf } from '../i18n/locale';

/** A share 0..1 as a percentage with one decimal ("12,3 %"); `null` is not formatted here (see FigureCell). */
export function formatPercent(share: number, language: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'percent',
    maximumFractionDigits,
    minimumFractionDigits: 0,
  }).format(share);
}

/** An integer with locale grouping. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** Noon UTC of a school date, so formatting in UTC never moves it to another day. */
function dateValue(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "måndag 23 november 2026". */
export function formatLongDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(dateValue(date));
}

/** "23 nov. 2026" style short date. */
export function formatShortDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(dateValue(date));
}

/** "november 2026" from a month key "2026-11". */
export function formatMonth(monthKey: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    dateValue(`${monthKey}-01`),
  );
}

/** Date and time of an ISO instant in Europe/Stockholm ("23 nov. 2026 09:12"). */
export function formatDateTime(instant: string, language: string): string {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return instant;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(value);
}

/** ISO weekday 1..7 as a localised name ("måndag"). */
export function weekdayName(isoWeekday: number, language: string): string {
  // 2026-11-23 is a Monday.
  const date = new Date(Date.UTC(2026, 10, 22 + isoWeekday, 12));
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** Week number from a key like "2026-W48". */
export function weekNumber(weekKey: string): string {
  const match = /W(\d+)$/.exec(weekKey);
  return match ? String(Number(match[1])) : weekKey;
}
