/** "Today" in Europe/Stockholm, or the configured fixed date (demos and tests). */
import type { Config } from './config.js';
import { localDateTimeToInstant, localMinuteOfDay } from '../shared/dates/index.js';

const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export interface Clock {
  today(): string;
  now(): Date;
}

/**
 * The current Stockholm wall-clock time on `date`. With a fixed "today" the instants must fall
 * on it too: a leave granted for tomorrow would otherwise read as already begun, and a
 * same-day notice would be stamped on another day than the one it is about.
 */
function nowOnDate(date: string): Date {
  const real = Date.now();
  const minute = localMinuteOfDay(real);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return new Date(localDateTimeToInstant(date, hhmm) + (real % 60_000));
}

export function clockFor(config: Pick<Config, 'today'>): Clock {
  const fixedToday = config.today;
  return {
    today: () => fixedToday ?? STOCKHOLM_DATE.format(new Date()),
    now: () => (fixedToday ? nowOnDate(fixedToday) : new Date()),
  };
}
