/**
 * Audit data entered as free text (it may hold health notes). Audit trails show everyone who may
 * read them who did what and when; this text only to those who see case content (not the
 * huvudman or the system administrator, as on the case page's timeline).
 */
import type { AuditEvent } from './write-audit-event.js';

const FREE_TEXT_DATA: {
  [T in AuditEvent['type']]?: readonly (keyof Extract<AuditEvent, { type: T }>['data'])[];
} = {
  'case.reopen': ['reason'],
  'ladder.decide-step': ['reason'],
  'ladder.close-step': ['reason'],
  'task.complete': ['note'],
};

/** The event's data without the fields entered as free text. */
export function withoutFreeText(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const hidden = (FREE_TEXT_DATA as Record<string, readonly string[] | undefined>)[type];
  return hidden ? Object.fromEntries(Object.entries(data).filter(([key]) => !hidden.includes(key))) : data;
}
