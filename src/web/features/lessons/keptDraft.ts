/**
 * Unsaved register marks kept in sessionStorage (this tab only, gone when it closes), so leaving
 * the page — a menu link, a phone call, a reload — does not lose them silently.
 */
import type { LessonDetail } from '@shared/schemas/lessons';
import { draftBasis, hasUnsavedChanges, keptDraftFor, type Drafts } from './draft';

const keyOf = (lessonId: string) => `narvaro.register-draft.${lessonId}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function readKeptDraft(detail: LessonDetail): Drafts | null {
  return keptDraftFor(storage()?.getItem(keyOf(detail.lesson.id)) ?? null, detail);
}

/** Keeps the drafts while they differ from the stored registration, else forgets them. */
export function keepDraft(detail: LessonDetail, drafts: Drafts): void {
  const store = storage();
  if (!store) return;
  if (hasUnsavedChanges(drafts, detail))
    store.setItem(keyOf(detail.lesson.id), JSON.stringify({ basis: draftBasis(detail), drafts }));
  else store.removeItem(keyOf(detail.lesson.id));
}

export function forgetDraft(lessonId: string): void {
  storage()?.removeItem(keyOf(lessonId));
}

export function hasKeptDraft(lessonId: string): boolean {
  return Boolean(storage()?.getItem(keyOf(lessonId)));
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The browser's date and time in Stockholm ("2026-11-23", "09:41"). */
export function stockholmNow(): { date: string; time: string } {
  const parts = Object.fromEntries(STOCKHOLM.formatToParts(new Date()).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
