/** Wording helpers shared by the lesson list and the register view. */
import type { LessonSummary } from '@shared/schemas/lessons';

/** Group names the activity name does not already say ("Matematik 7A" already says 7A). */
export function groupsNotInName(lesson: Pick<LessonSummary, 'activityName' | 'groupNames'>): string[] {
  return lesson.groupNames.filter((group) => !lesson.activityName.includes(group));
}
