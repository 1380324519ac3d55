import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import type { CaseSettings } from '../cases.repo.js';

/** The organiser's investigation deadline and concern-report reminder. */
export async function updateCaseSettings(tx: Tx, ctx: AuditContext, settings: CaseSettings, now: Date): Promise<void> {
  await tx
    .insert(schema.caseSettings)
    .values({ organiserId: ctx.organiserId, ...settings, changedByUserId: ctx.actorUserId, changedAt: now })
    .onConflictDoUpdate({
      target: [schema.caseSettings.organiserId],
      set: { ...settings, changedByUserId: ctx.actorUserId, changedAt: now },
    });
  await writeAuditEvent(tx, ctx, { type: 'case.update-settings', data: settings });
}
