/** What every case command needs: the case it changes, checked open, and the audit subject. */
import { AppError } from '../../errors.js';
import type { CaseAccess } from './cases.policy.js';

export type CaseRef = Pick<CaseAccess, 'id' | 'pupilId' | 'schoolUnitId' | 'status'>;

/** The audit subject of a case event. */
export const subjectOf = (c: CaseRef) => ({ caseId: c.id, pupilId: c.pupilId });

/** @throws CASE_CLOSED when the case is closed (changes need it reopened first, so history stays whole). */
export function assertOpen(c: CaseRef): void {
  if (c.status !== 'open') throw new AppError('CASE_CLOSED', 'Ärendet är avslutat. Öppna det igen för att ändra.');
}
