/**
 * Which pupil-days an import moved. Collected from the rows the import actually changed (so a
 * repeated import recomputes nothing) and resolved with a few set-based queries at the end.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { localDateOf } from '../../../shared/dates/index.js';
import { queryInBatches } from '../../db/batched-write.js';

/** The pupils and inclusive date range to hand to `recomputePupilDays`. */
export interface RecomputeRange {
  pupilIds: string[];
  from: string;
  to: string;
}

/** Collects what changed; {@link RecomputeScope.resolve} turns it into pupils and dates. */
export class RecomputeScope {
  private readonly pupils = new Set<string>();
  /** Activities whose every pupil is affected (a lesson, its confirmation or the activity changed). */
  private readonly activityPupils = new Set<string>();
  /** Activities whose every lesson date is affected (activity type or groups changed). */
  private readonly activitySpans = new Set<string>();
  private readonly groupPupils = new Set<string>();
  /** School unit keys of changed days off; '' is every unit. */
  private readonly unitPupils = new Set<string>();
  private from: string | null = null;
  private to: string | null = null;
  private isOpenEnded = false;

  addPupil(personId: string): void {
    this.pupils.add(personId);
  }

  /** A date, `YYYY-MM-DD`, or an instant (Date or timestamp text) read in Europe/Stockholm. */
  addDate(value: string | Date | null | undefined): void {
    if (value === null || value === undefined) return;
    const date = typeof value === 'string' && value.length === 10 ? value : localDateOf(new Date(value).getTime());
    if (this.from === null || date < this.from) this.from = date;
    if (this.to === null || date > this.to) this.to = date;
  }

  /** A pupil's change over a validity interval; a missing end runs to the last lesson. */
  addPupilSpan(personId: string, start: string, end: string | null): void {
    this.addPupil(personId);
    this.addDate(start);
    if (end === null) this.isOpenEnded = true;
    else this.addDate(end);
  }

  addActivity(activityId: string, options: { isWholeSpan: boolean }): void {
    this.activityPupils.add(activityId);
    if (options.isWholeSpan) this.activitySpans.add(activityId);
  }

  addGroupOfActivity(groupId: string, activityId: string): void {
    this.groupPupils.add(groupId);
    this.activitySpans.add(activityId);
  }

  addUnitDay(schoolUnitKey: string, date: string): void {
    this.unitPupils.add(schoolUnitKey);
    this.addDate(date);
  }

  /**
   * Resolves activities, groups and school units to their pupils and open ends to the last lesson.
   * Group members are taken over all time: a few too many pupils cost a little work, too few a wrong figure.
   * @returns null when nothing that feeds the roll-up changed
   */
  async resolve(tx: Tx, organiserId: string): Promise<RecomputeRange | null> {
    const pupils = new Set(this.pupils);
    const add = (rows: { person_id: string }[]) => {
      for (const r of rows) pupils.add(r.person_id);
    };
    add(
      await queryInBatches(
        tx,
        [...this.activityPupils],
        (ids) => sql`
      SELECT DISTINCT gm.person_id FROM activity_groups ag
      JOIN group_memberships gm ON gm.organiser_id = ag.organiser_id AND gm.group_id = ag.group_id
      WHERE ag.organiser_id = ${organiserId} AND ag.activity_id = ANY(${ids})`,
      ),
    );
    add(
      await queryInBatches(
        tx,
        [...this.groupPupils],
        (ids) => sql`
      SELECT DISTINCT person_id FROM group_memberships WHERE organiser_id = ${organiserId} AND group_id = ANY(${ids})`,
      ),
    );
    if (this.unitPupils.has('')) {
      add(
        await queryRows(tx, sql`SELECT DISTINCT person_id FROM group_memberships WHERE organiser_id = ${organiserId}`),
      );
    } else {
      add(
        await queryInBatches(
          tx,
          [...this.unitPupils],
          (ids) => sql`
        SELECT DISTINCT gm.person_id FROM groups g
        JOIN group_memberships gm ON gm.organiser_id = g.organiser_id AND gm.group_id = g.id
        WHERE g.organiser_id = ${organiserId} AND g.school_unit_id = ANY(${ids})`,
        ),
      );
    }
    const spans = await queryInBatches<{ first: string | null; last: string | null }>(
      tx,
      [...this.activitySpans],
      (ids) => sql`
      SELECT min(local_date) AS first, max(local_date) AS last FROM lessons
      WHERE organiser_id = ${organiserId} AND activity_id = ANY(${ids})`,
    );
    for (const span of spans) {
      this.addDate(span.first);
      this.addDate(span.last);
    }
    if (this.isOpenEnded) {
      const [last] = await queryRows<{ last: string | null }>(
        tx,
        sql`SELECT max(local_date) AS last FROM lessons WHERE organiser_id = ${organiserId}`,
      );
      this.addDate(last?.last);
    }
    if (pupils.size === 0 || this.from === null || this.to === null) return null;
    return { pupilIds: [...pupils].sort(), from: this.from, to: this.to };
  }
}
