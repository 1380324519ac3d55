/** Builders for measures tests: lessons and covers in Europe/Stockholm wall-clock time. */
import { localDateTimeToInstant } from '../dates';
import type { DayFigures, PupilLesson, ValidCover } from './types';

/** A confirmed lesson from `from` to `to` local time; teaching minutes default to clock minutes. */
export function lesson(date: string, from: string, to: string, extra: Partial<PupilLesson> = {}): PupilLesson {
  const start = localDateTimeToInstant(date, from);
  const end = localDateTimeToInstant(date, to);
  return {
    lessonId: `${date}T${from}`,
    date,
    start,
    end,
    teachingMinutes: (end - start) / 60_000,
    isConfirmed: true,
    ...extra,
  };
}

/** `count` back-to-back 60-minute lessons from 08:00; `extras[i]` adjusts lesson i + 1. */
export function schoolDay(date: string, extras: Record<number, Partial<PupilLesson>> = {}, count = 5): PupilLesson[] {
  return Array.from({ length: count }, (_, i) => {
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return lesson(date, hour(8 + i), hour(9 + i), { lessonId: `${date}#${i + 1}`, ...extras[i + 1] });
  });
}

/** A cover from `fromDate fromTime` to `toDate toTime` local time. */
export function cover(
  fromDate: string,
  fromTime: string,
  toDate: string,
  toTime: string,
  kind: ValidCover['kind'] = 'guardianReport',
): ValidCover {
  return { start: localDateTimeToInstant(fromDate, fromTime), end: localDateTimeToInstant(toDate, toTime), kind };
}

/** A day row with the given minute columns (the rest 0). */
export function day(date: string, figures: Partial<Omit<DayFigures, 'date'>> = {}): DayFigures {
  const base = { scheduled: 0, attended: 0, valid: 0, invalid: 0, other: 0, lateCount: 0, lateMinutes: 0, ...figures };
  return { date, known: base.attended + base.valid + base.invalid + base.other, ...base };
}
