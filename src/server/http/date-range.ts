/** The one date-range check every report-like route applies to its `from`/`to` query. */
import { AppError } from '../errors.js';
import { addDays } from '../../shared/dates/index.js';

const MAX_RANGE_DAYS = 400;

/** @throws AppError INVALID_DATE_RANGE when `to` is before `from` or the range is too long. */
export function assertDateRange(from: string, to: string): void {
  if (to < from)
    throw new AppError('INVALID_DATE_RANGE', 'Slutdatum är före startdatum.', [
      { path: '/to', message: 'Slutdatum är före startdatum.' },
    ]);
  if (addDays(from, MAX_RANGE_DAYS) < to)
    throw new AppError('INVALID_DATE_RANGE', `Perioden får vara högst ${MAX_RANGE_DAYS} dagar.`, [
      { path: '/to', message: 'För lång period.' },
    ]);
}
