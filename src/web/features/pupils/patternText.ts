/** Plain-language descriptions of absence patterns, shared by the pupil page and the early-warning list. */
import type { TFunction } from 'i18next';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Frånvaro främst på måndagar" from a flagged pattern `{dimension, category}`. */
export function patternDescription(t: TFunction, pattern: { dimension: string; category: string }): string {
  const category =
    pattern.dimension === 'weekday'
      ? t(`patterns.weekdays.${pattern.category}`, { defaultValue: pattern.category })
      : pattern.dimension === 'teacher' && UUID.test(pattern.category)
        ? t('patterns.sameTeacher')
        : pattern.category;
  return t(`patterns.dimensions.${pattern.dimension}`, { category, defaultValue: `${pattern.dimension}: ${category}` });
}
