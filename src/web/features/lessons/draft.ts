/**
 * The register view's editable state: one draft mark per pupil, built from the roster and
 * turned back into the PUT body. Pupils whose draft is "present" are left out of the body.
 */
import type { LessonDetail, MarkInput, RosterEntry } from '@shared/schemas/lessons';

/** The choices a teacher makes (the quick buttons). */
export const DRAFT_KINDS = ['present', 'absent', 'late', 'left', 'other'] as const;
/**
 * A choice, or 'imported': an SS12000 registration left as it is. The server keeps an imported
 * mark unless the body overrides it, so an untouched imported mark is never sent.
 */
export type DraftKind = (typeof DRAFT_KINDS)[number] | 'imported';

/** Kinds that need a number of minutes (late: minutes after start; left: minutes remaining). */
export const KINDS_WITH_MINUTES: readonly DraftKind[] = ['late', 'left'];

/** One pupil's mark as being edited. */
export interface DraftMark {
  kind: DraftKind;
  /** As typed in the minutes field. */
  minutes: string;
  /** Kept from the stored mark so a correction does not drop them. */
  reasonCode?: string;
  comment?: string;
  /** Pre-marked absent because a guardian report or leave covers the whole lesson. */
  isPreMarked: boolean;
}

/** Draft marks by person id. */
export type Drafts = Record<string, DraftMark>;

/** A problem with one pupil's draft, e.g. missing minutes. */
export interface DraftProblem {
  personId: string;
  problem: 'minutesMissing' | 'minutesRange';
}

const isWholeLessonCovered = (entry: RosterEntry) =>
  entry.covering.some((cover) => cover.kind !== 'staffReason' && cover.isWholeLesson);

/**
 * The draft for one pupil: the stored mark, else absent when a report/leave covers an unconfirmed
 * lesson, else present. A pupil the user may not change is never pre-marked (that would be a change).
 */
export function initialDraft(entry: RosterEntry, isConfirmed: boolean): DraftMark {
  const mark = entry.mark;
  if (mark) {
    const hasMinutes = mark.kind === 'imported' || KINDS_WITH_MINUTES.includes(mark.kind);
    return {
      kind: mark.kind,
      minutes: mark.minutes === null || !hasMinutes ? '' : String(mark.minutes),
      reasonCode: mark.reasonCode ?? undefined,
      comment: mark.comment ?? undefined,
      isPreMarked: false,
    };
  }
  const isPreMarked = !isConfirmed && entry.canChange && isWholeLessonCovered(entry);
  return { kind: isPreMarked ? 'absent' : 'present', minutes: '', isPreMarked };
}

/** Drafts for a whole lesson. */
export function initialDrafts(detail: LessonDetail): Drafts {
  return Object.fromEntries(
    detail.roster.map((entry) => [entry.personId, initialDraft(entry, detail.lesson.isConfirmed)]),
  );
}

/** Validates minutes against the pupil's teaching minutes. */
export function draftProblems(drafts: Drafts, roster: RosterEntry[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  for (const entry of roster) {
    const draft = drafts[entry.personId];
    if (!draft || !KINDS_WITH_MINUTES.includes(draft.kind)) continue;
    if (draft.minutes.trim() === '') {
      problems.push({ personId: entry.personId, problem: 'minutesMissing' });
      continue;
    }
    const value = Number(draft.minutes);
    const max = Math.max(1, entry.teachingMinutes);
    if (!Number.isInteger(value) || value < 1 || value > max)
      problems.push({ personId: entry.personId, problem: 'minutesRange' });
  }
  return problems;
}

/**
 * The PUT body's marks: every pupil not present, and 'present' for a pupil whose imported mark
 * the user turned into Närvarande (unlisted pupils keep an imported mark). Pupils the user may
 * not change are sent as stored, so they do not count as changed. Call only when draftProblems is empty.
 */
export function toMarkInputs(drafts: Drafts, roster: RosterEntry[]): MarkInput[] {
  const marks: MarkInput[] = [];
  for (const entry of roster) {
    const draft = drafts[entry.personId];
    if (!draft) continue;
    if (draft.kind === 'present') {
      if (entry.mark?.kind === 'imported' && entry.canChange) marks.push({ personId: entry.personId, kind: 'present' });
      continue;
    }
    if (draft.kind === 'imported') continue;
    const mark: MarkInput = { personId: entry.personId, kind: draft.kind };
    if (KINDS_WITH_MINUTES.includes(draft.kind)) mark.minutes = Number(draft.minutes);
    if (draft.reasonCode) mark.reasonCode = draft.reasonCode;
    if (draft.comment) mark.comment = draft.comment;
    marks.push(mark);
  }
  return marks;
}

/** Count of pupils per draft kind, for the save bar summary. */
export function countKinds(drafts: Drafts): Record<DraftKind, number> {
  const counts = Object.fromEntries([...DRAFT_KINDS, 'imported'].map((kind) => [kind, 0])) as Record<DraftKind, number>;
  for (const draft of Object.values(drafts)) counts[draft.kind] += 1;
  return counts;
}

/**
 * What the drafts were made from: the stored marks and the kvittens. A kept draft is offered
 * again only while this is unchanged, so it never overwrites someone else's later registration.
 */
export function draftBasis(detail: LessonDetail): string {
  const marks = detail.roster.map((entry) => [entry.personId, entry.mark?.kind ?? null, entry.mark?.minutes ?? null]);
  return JSON.stringify([detail.lesson.confirmedAt, marks]);
}

/** True when the drafts differ from what the lesson's stored registration gives. */
export function hasUnsavedChanges(drafts: Drafts, detail: LessonDetail): boolean {
  const initial = initialDrafts(detail);
  return detail.roster.some(({ personId }) => {
    const a = drafts[personId];
    const b = initial[personId];
    return a !== undefined && b !== undefined && (a.kind !== b.kind || a.minutes !== b.minutes);
  });
}

/** A kept draft as stored between visits (no names: person ids, kinds and minutes only). */
export interface KeptDraft {
  basis: string;
  drafts: Drafts;
}

/** The kept drafts to offer for this lesson, or null when none or made from another registration. */
export function keptDraftFor(raw: string | null, detail: LessonDetail): Drafts | null {
  if (!raw) return null;
  try {
    const kept = JSON.parse(raw) as KeptDraft;
    if (kept.basis !== draftBasis(detail)) return null;
    const drafts = { ...initialDrafts(detail) };
    for (const entry of detail.roster) {
      const draft = kept.drafts[entry.personId];
      if (draft && entry.canChange) drafts[entry.personId] = draft;
    }
    return hasUnsavedChanges(drafts, detail) ? drafts : null;
  } catch {
    return null;
  }
}

/**
 * Whether the lesson has started. `nowDate`/`nowTime` are the browser's Stockholm date and time;
 * when the server's "today" is another date (a fixed demo date) only the date is compared.
 */
export function lessonHasStarted(
  lesson: Pick<LessonDetail['lesson'], 'date' | 'startTime'>,
  today: string,
  nowDate: string,
  nowTime: string,
): boolean {
  if (lesson.date !== today) return lesson.date < today;
  return nowDate !== today || lesson.startTime <= nowTime;
}
