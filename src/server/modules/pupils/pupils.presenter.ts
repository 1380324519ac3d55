/** Pupil rows → API shapes. Never an address or other location data (protected identity is only flagged). */
import type { PupilListResponse } from '../../../shared/schemas/pupils.js';
import type { PeriodFigures } from '../../../shared/measures/index.js';
import { noFigures } from '../measures/aggregate-figures.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';
import type { PupilRow } from './pupils.repo.js';

export function presentPupilList(
  period: { from: string; to: string },
  pupils: PupilRow[],
  figures: Map<string, PeriodFigures>,
): PupilListResponse {
  const { from, to } = period;
  return {
    from,
    to,
    pupils: pupils.map((p) => ({
      personId: p.id,
      givenName: p.given_name,
      familyName: p.family_name,
      isProtected: PROTECTED_MARKINGS.has(p.security_marking),
      className: p.class_name,
      schoolUnitName: p.school_unit_name,
      figures: figures.get(p.id) ?? noFigures(from, to),
    })),
  };
}
