/** Activity types that are scheduled teaching time (docs/domain/measures.md D7). */
export const TEACHING_ACTIVITY_TYPES: readonly string[] = ['Undervisning', 'Elevaktivitet', 'Provaktivitet'];
