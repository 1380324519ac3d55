import { sql } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Renames, retires or adds a cause or intervention for the organiser. Entries are never deleted: statistics count by code. */
export async function saveCatalogueEntry(
  tx: Tx,
  ctx: AuditContext,
  entry: { kind: string; code: string; label: string; category: string; tier?: number; isRetired: boolean },
): Promise<void> {
  await tx
    .insert(schema.caseCatalogueEntries)
    .values({ organiserId: ctx.organiserId, ...entry, tier: entry.tier ?? null })
    .onConflictDoUpdate({
      target: [
        schema.caseCatalogueEntries.organiserId,
        schema.caseCatalogueEntries.kind,
        schema.caseCatalogueEntries.code,
      ],
      set: {
        label: sql`excluded.label`,
        category: sql`excluded.category`,
        tier: sql`excluded.tier`,
        isRetired: sql`excluded.is_retired`,
      },
    });
  await writeAuditEvent(tx, ctx, {
    type: 'case.save-catalogue-entry',
    data: { kind: entry.kind, code: entry.code, isRetired: entry.isRetired },
  });
}
