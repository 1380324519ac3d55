/** The one command for audited reads of pupils, shared by every module that shows pupils. */
import type { Tx } from '../db/client.js';
import { auditPupilListRead, type AuditContext, type PupilListView, writeAuditEvent } from './write-audit-event.js';

/** Pages about one named pupil: each read is its own event (who looked, when). */
export type PupilPageView = 'pupil-page' | 'ladder' | 'messages';

/**
 * Records which pupils the actor was shown: a pupil's page as one event per pupil, a list as one
 * event naming every pupil (nothing for an empty list). Call it in the transaction of the read.
 */
export async function recordPupilReads(
  tx: Tx,
  ctx: AuditContext,
  view: PupilPageView | PupilListView,
  pupilIds: (string | null)[],
): Promise<void> {
  if (view === 'pupil-page' || view === 'ladder' || view === 'messages') {
    for (const pupilId of pupilIds) {
      if (pupilId) await writeAuditEvent(tx, ctx, { type: 'pupil.read', pupilId, data: { view } });
    }
  } else await auditPupilListRead(tx, ctx, view, pupilIds);
}
