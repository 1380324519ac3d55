/** Reason codes for absences (REASON_CODES in the shared contract) and the default per kind. */
import { REASON_CODES } from '@shared/schemas/reports';
import type { ABSENCE_KINDS } from '@shared/schemas/pupils';

/** Guardian report, leave or staff reason. */
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];
/** Reason codes in contract order. */
export const REASON_CODE_LIST: readonly string[] = REASON_CODES.map((reason) => reason.code);

/** The contract's Swedish label, used when the current language has no translation. */
export function reasonFallbackLabel(code: string): string {
  return REASON_CODES.find((reason) => reason.code === code)?.label ?? code;
}

/** The reason preselected when a kind is chosen in the form. */
export const DEFAULT_REASON = {
  guardianReport: 'reported',
  leave: 'leave',
  staffReason: 'studentHealth',
} as const satisfies Record<AbsenceKind, string>;
