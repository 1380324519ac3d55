import { sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { DEFAULT_MAPPING_TEMPLATE, type MappingTemplateDefinition } from '../../../../shared/cases/index.js';

/**
 * Saves the organiser's mapping template as a new version (versions are immutable; mappings
 * name the key and version they were made with). New mappings use the newest version.
 */
export async function saveMappingTemplate(
  tx: Tx,
  ctx: AuditContext,
  definition: Omit<MappingTemplateDefinition, 'version'>,
): Promise<{ version: number }> {
  const [row] = await queryRows<{ version: number | null }>(
    tx,
    sql`select max(version)::int as version from case_mapping_templates
    where organiser_id = ${ctx.organiserId} and key = ${definition.key}`,
  );
  const builtIn = definition.key === DEFAULT_MAPPING_TEMPLATE.key ? DEFAULT_MAPPING_TEMPLATE.version : 0;
  const version = Math.max(row?.version ?? 0, builtIn) + 1;
  await tx.insert(schema.caseMappingTemplates).values({
    organiserId: ctx.organiserId,
    key: definition.key,
    version,
    definition: { ...definition, version } as unknown as Record<string, unknown>,
    createdByUserId: ctx.actorUserId,
  });
  await writeAuditEvent(tx, ctx, { type: 'case.save-template', data: { key: definition.key, version } });
  return { version };
}
