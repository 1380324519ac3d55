/** The organiser's sign-in settings and SS12000 role mapping (used by the next import or sync). */
import { eq, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { AppError } from '../../../errors.js';
import type { RoleMapping } from '../../../../shared/schemas/users.js';
import { isKnownSourceValue } from '../role-mapping.js';

export async function updateAuthSettings(tx: Tx, ctx: AuditContext, localLoginEnabled: boolean): Promise<void> {
  await tx
    .insert(schema.authSettings)
    .values({ organiserId: ctx.organiserId, localLoginEnabled })
    .onConflictDoUpdate({ target: schema.authSettings.organiserId, set: { localLoginEnabled, updatedAt: sql`now()` } });
  await writeAuditEvent(tx, ctx, { type: 'auth.update-settings', data: { localLoginEnabled } });
}

/** Replaces the organiser's own rows; values not given fall back to the defaults. */
export async function updateRoleMapping(tx: Tx, ctx: AuditContext, mapping: RoleMapping): Promise<void> {
  const unknown = mapping.entries.find((e) => !isKnownSourceValue(e.sourceKind, e.sourceValue));
  if (unknown) throw new AppError('VALIDATION_FAILED', `Okänd SS12000-roll: ${unknown.sourceValue}`);
  await tx.delete(schema.ss12000RoleMappings).where(eq(schema.ss12000RoleMappings.organiserId, ctx.organiserId));
  if (mapping.entries.length > 0) {
    await tx.insert(schema.ss12000RoleMappings).values(
      mapping.entries.map((e) => ({
        organiserId: ctx.organiserId,
        sourceKind: e.sourceKind,
        sourceValue: e.sourceValue,
        role: e.role ?? '',
      })),
    );
  }
  await writeAuditEvent(tx, ctx, { type: 'auth.update-role-mapping', data: { mappings: mapping.entries.length } });
}
