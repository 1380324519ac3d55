/** Which published ladder version applies to a school unit on a date (school ladder before organiser ladder). */
import type { VersionRow } from './ladders.repo.js';
import { ladderLookbackDays } from '../../../shared/ladders/index.js';

export class VersionsInForce {
  private readonly byScope = new Map<string, VersionRow[]>();

  constructor(versions: VersionRow[]) {
    for (const v of versions.filter((x) => x.status === 'published')) {
      const list = this.byScope.get(v.school_unit_key) ?? [];
      list.push(v);
      this.byScope.set(
        v.school_unit_key,
        list.sort((a, b) => a.effective_from.localeCompare(b.effective_from) || a.version - b.version),
      );
    }
  }

  /** The version in force on `date` for the school unit, or null when no ladder applies yet. */
  on(schoolUnitId: string | null, date: string): VersionRow | null {
    for (const scope of [schoolUnitId ?? '', '']) {
      const found = (this.byScope.get(scope) ?? []).filter((v) => v.effective_from <= date).at(-1);
      if (found) return found;
    }
    return null;
  }

  /** The earliest date any version applies to the school unit. */
  firstDate(schoolUnitId: string | null): string | null {
    const dates = [schoolUnitId ?? '', ''].flatMap((scope) =>
      (this.byScope.get(scope) ?? []).map((v) => v.effective_from),
    );
    return dates.length ? dates.sort()[0] : null;
  }

  /** The longest lookback of any published version (rows older than that never matter). */
  longestLookbackDays(): number {
    return Math.max(0, ...[...this.byScope.values()].flat().map((v) => ladderLookbackDays(v.definition)));
  }

  get isEmpty(): boolean {
    return this.byScope.size === 0;
  }
}
