/**
 * Which ladder version applies, as the server decides it (versions-in-force): among published
 * versions of the school unit, the last by effective date (then version) that has started; when
 * the unit has none, the organiser's. A version that starts later is "upcoming".
 */
import type { LadderDefinition } from '@shared/ladders/format';
import type { LadderVersionSummary } from '@shared/schemas/ladders';

/** The organiser-wide ladder is kept under this scope value (schoolUnitId null). */
export const ORGANISER_SCOPE = 'organiser';

/** The scope value of a version: its school unit id, or ORGANISER_SCOPE. */
export const scopeOf = (version: Pick<LadderVersionSummary, 'schoolUnitId'>): string =>
  version.schoolUnitId ?? ORGANISER_SCOPE;

const byEffectiveDate = (a: LadderVersionSummary, b: LadderVersionSummary) =>
  a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version;

/** Published versions of exactly this scope, in the order the server applies them. */
function publishedOf(versions: readonly LadderVersionSummary[], scope: string): LadderVersionSummary[] {
  return versions.filter((v) => v.status === 'published' && scopeOf(v) === scope).sort(byEffectiveDate);
}

/** The version in force on `date` for a scope (a school unit falls back to the organiser), or null. */
export function versionInForce(
  versions: readonly LadderVersionSummary[],
  scope: string,
  date: string,
): LadderVersionSummary | null {
  const scopes = scope === ORGANISER_SCOPE ? [ORGANISER_SCOPE] : [scope, ORGANISER_SCOPE];
  for (const s of scopes) {
    const found = publishedOf(versions, s)
      .filter((v) => v.effectiveFrom <= date)
      .at(-1);
    if (found) return found;
  }
  return null;
}

/** Published versions of the scope that start after `date`. */
export function upcomingVersions(
  versions: readonly LadderVersionSummary[],
  scope: string,
  date: string,
): LadderVersionSummary[] {
  return publishedOf(versions, scope).filter((v) => v.effectiveFrom > date);
}

/** The versions of one scope, newest first (the history table). */
export function versionsOfScope(versions: readonly LadderVersionSummary[], scope: string): LadderVersionSummary[] {
  return versions.filter((v) => scopeOf(v) === scope).sort((a, b) => b.version - a.version);
}

/**
 * The history table of a scope: its own versions, and the organiser's version in force when the
 * unit has none of its own in force (so the table never says "no versions" beside a ladder in force).
 */
export function historyOf(
  versions: readonly LadderVersionSummary[],
  scope: string,
  inForce: LadderVersionSummary | null,
): LadderVersionSummary[] {
  const own = versionsOfScope(versions, scope);
  return inForce && !own.some((v) => v.id === inForce.id) ? [...own, inForce] : own;
}

/** The stored definition, typed (the server validated it when it was saved). */
export const definitionOf = (version: Pick<LadderVersionSummary, 'definition'>): LadderDefinition =>
  version.definition as unknown as LadderDefinition;
