/** Completeness rows → API shape, with the share of confirmed lessons (null without lessons). */
import type { CompletenessRowDb } from './completeness.js';

const share = (row: CompletenessRowDb) => (row.lessons > 0 ? row.confirmed / row.lessons : null);

export const presentUnitCompleteness = (r: CompletenessRowDb) => ({
  id: r.id,
  name: r.name,
  lessons: r.lessons,
  confirmed: r.confirmed,
  share: share(r),
});

export const presentTeacherCompleteness = (r: CompletenessRowDb) => ({
  ...presentUnitCompleteness(r),
  schoolUnitName: r.school_unit_name,
});
