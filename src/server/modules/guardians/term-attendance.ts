/**
 * Attendance this term so far for some pupils: the same figures as the pupil page (the measures
 * module's), for the guardian's overview and for the one deciding a leave request.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import type { PeriodFigures } from '../../../shared/measures/index.js';
import { uuidArray } from '../../db/sql.js';
import { findCurrentTerm } from '../../db/terms.js';

export interface TermAttendance {
  /** null outside any term. */
  term: { startDate: string; endDate: string } | null;
  /** The term's end, or today while the term runs. */
  termTo: string;
  figures: Map<string, PeriodFigures>;
}

export async function loadTermAttendance(
  tx: Tx,
  organiserId: string,
  pupilIds: string[],
  today: string,
): Promise<TermAttendance> {
  const term = await findCurrentTerm(tx, organiserId, today);
  const termTo = term && term.endDate < today ? term.endDate : today;
  const figures =
    term && pupilIds.length > 0
      ? await aggregateFigures(tx, organiserId, sql`pd.person_id = any(${uuidArray(pupilIds)})`, term.startDate, termTo)
      : new Map<string, PeriodFigures>();
  return { term, termTo, figures };
}
