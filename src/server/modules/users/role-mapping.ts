/** The organiser's effective SS12000 role mapping: the defaults with its own rows on top. */
import { eq } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';
import {
  ASSIGNMENT_ROLE_TYPES,
  DEFAULT_ROLE_MAPPING,
  DUTY_ROLES,
  MAPPABLE_ROLES,
  type MappableRole,
  type RoleMappingEntry,
  type RoleSourceKind,
} from '../../../shared/ss12000-role-mapping.js';

const VALUES: Record<RoleSourceKind, readonly string[]> = { duty: DUTY_ROLES, assignment: ASSIGNMENT_ROLE_TYPES };

/** Every SS12000 value with the role it gives this organiser (null = none). */
export async function effectiveRoleMapping(tx: Tx, organiserId: string): Promise<RoleMappingEntry[]> {
  const rows = await tx
    .select()
    .from(schema.ss12000RoleMappings)
    .where(eq(schema.ss12000RoleMappings.organiserId, organiserId));
  const own = new Map(rows.map((r) => [`${r.sourceKind}|${r.sourceValue}`, r.role]));
  return (Object.keys(VALUES) as RoleSourceKind[]).flatMap((sourceKind) =>
    VALUES[sourceKind].map((sourceValue) => {
      const role = own.has(`${sourceKind}|${sourceValue}`)
        ? own.get(`${sourceKind}|${sourceValue}`)
        : DEFAULT_ROLE_MAPPING[sourceKind][sourceValue];
      return {
        sourceKind,
        sourceValue,
        role: (MAPPABLE_ROLES as readonly string[]).includes(role ?? '') ? (role as MappableRole) : null,
      };
    }),
  );
}

export const isKnownSourceValue = (kind: RoleSourceKind, value: string): boolean => VALUES[kind].includes(value);
