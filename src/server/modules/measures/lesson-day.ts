/**
 * What a registration of one lesson works from, read in one statement under its pupils' locks:
 * the roster, every scheduled lesson of those pupils that day (their day figures are computed from
 * all of them), their valid-absence covers and their `pupil_days` rows as they stand. The
 * registration changes these facts in memory (afterRegistration) instead of reading them again.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { lockLessonAndPupilsOf, lockPupilDays } from '../../db/derived-row-locks.js';
import {
  coversByPupil,
  coversSql,
  type CoverRow,
  lessonPupilsSql,
  loadLessonDayFacts,
  type ScheduledPupilLesson,
} from './lesson-facts.js';
import { dayRowsSql, type DayRow, type PupilDayFacts } from './recompute-pupil-days.js';

export interface LessonDay extends PupilDayFacts {
  date: string;
  /** The lesson's scheduled pupils. */
  roster: ScheduledPupilLesson[];
  days: DayRow[];
}

/**
 * Takes a registration's locks before its lesson is read: the lesson's, the roll-up lock shared and
 * the pupils of the lesson's groups on its date (lockLessonAndPupilsOf; nothing on PGlite).
 * @returns the pupils locked, for loadLessonDay.
 */
export function lockLessonRegistration(tx: Tx, organiserId: string, lessonId: string): Promise<Set<string> | 'alone'> {
  const date: SQL = sql`(select l.local_date from lessons l where l.organiser_id = ${organiserId} and l.id = ${lessonId})`;
  return lockLessonAndPupilsOf(tx, organiserId, lessonId, lessonPupilsSql(organiserId, lessonId, date));
}

/**
 * Reads the lesson's day under its pupils' locks (`locked`, from lockLessonRegistration); a pupil
 * the lock statement's older snapshot did not see is locked here (lockPupilDays' order) and the
 * day read again. Call it before anything derived of theirs is read.
 * @param also a scalar subquery the caller needs under the same locks, read in the same statement
 *   (returned as `also`), so it costs no round trip of its own.
 */
export async function loadLessonDay<Also = never>(
  tx: Tx,
  organiserId: string,
  lessonId: string,
  date: string,
  locked: Set<string> | 'alone',
  also: SQL = sql`null`,
): Promise<LessonDay & { also: Also | null }> {
  const ofTheseMembers = sql`person_id in (select person_id from memberships)`;
  for (;;) {
    const { roster, lessons, extra } = await loadLessonDayFacts<{
      covers: CoverRow[] | null;
      days: DayRow[] | null;
      also: Also | null;
    }>(
      tx,
      organiserId,
      lessonId,
      date,
      sql`, (select json_agg(c) from (${coversSql(organiserId, ofTheseMembers, date, date)}) c) as covers,
        (select json_agg(d) from (${dayRowsSql(organiserId, ofTheseMembers, date, date)}) d) as days, ${also} as also`,
    );
    const pupils = new Set(roster.map((p) => p.personId));
    // A pupil who joined the lesson's groups after the lock statement's snapshot: lock and read again.
    const unlocked = locked === 'alone' ? [] : [...pupils].filter((id) => !locked.has(id));
    if (unlocked.length === 0) {
      return {
        date,
        roster,
        lessons,
        covers: coversByPupil((extra.covers ?? []).filter((c) => pupils.has(c.person_id))),
        days: (extra.days ?? []).filter((d) => pupils.has(d.personId)),
        also: extra.also,
      };
    }
    await lockPupilDays(tx, organiserId, unlocked);
    for (const id of unlocked) (locked as Set<string>).add(id);
  }
}
