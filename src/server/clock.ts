/** "Today" in Europe/Stockholm, or the configured fixed date (demos and tests). */
import type { Config } from './config.js';

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

export function clockFor(config: Pick<Config, 'today'>): Clock {
  return {
    today: () => config.today ?? STOCKHOLM_DATE.format(new Date()),
    now: () => new Date(),
  };
}
