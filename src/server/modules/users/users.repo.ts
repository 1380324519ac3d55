/** Accounts of one organiser, with their grants, for the administration page and the CLI. */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../db/client.js';
import { withoutFreeText } from '../../audit/free-text.js';
import type { Account, AccountQuery } from '../../../shared/schemas/users.js';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  kind: string;
  source: string;
  is_active: boolean;
  disabled_by: string | null;
  has_password: boolean;
  last_login_at: Date | string | null;
  roles: {
    role: string;
    schoolUnitId: string | null;
    schoolUnitName: string | null;
    source: string;
    endsOn: string | null;
  }[];
}

/** Accounts matching the filters, by name; a role or school filter matches grants in force. */
export async function listAccounts(
  tx: Tx,
  organiserId: string,
  query: AccountQuery & { userId?: string; username?: string },
): Promise<Account[]> {
  const search = query.search?.trim()
    ? `%${query.search
        .trim()
        .toLowerCase()
        .replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    : null;
  const rows = await queryRows<AccountRow>(
    tx,
    sql`
    SELECT u.id, u.username, u.display_name, u.kind, u.source, u.is_active, u.disabled_by, u.password_hash IS NOT NULL AS has_password, u.last_login_at,
      coalesce((SELECT jsonb_agg(jsonb_build_object('role', r.role, 'schoolUnitId', nullif(r.school_unit_key, ''), 'schoolUnitName', o.display_name,
          'source', r.source, 'endsOn', r.ends_on) ORDER BY r.role, o.display_name)
        FROM user_roles r LEFT JOIN organisations o ON o.organiser_id = r.organiser_id AND o.id::text = r.school_unit_key
        WHERE r.organiser_id = u.organiser_id AND r.user_id = u.id), '[]'::jsonb) AS roles
    FROM users u
    WHERE u.organiser_id = ${organiserId}
      ${query.userId ? sql`AND u.id = ${query.userId}` : sql``}
      ${query.username ? sql`AND u.username = ${query.username}` : sql``}
      ${query.kind ? sql`AND u.kind = ${query.kind}` : sql``}
      ${search ? sql`AND (lower(u.display_name) LIKE ${search} OR lower(u.username) LIKE ${search})` : sql``}
      ${
        query.role || query.schoolUnitId
          ? sql`AND EXISTS (SELECT 1 FROM user_roles r WHERE r.organiser_id = u.organiser_id AND r.user_id = u.id
        ${query.role ? sql`AND r.role = ${query.role}` : sql``} ${query.schoolUnitId ? sql`AND r.school_unit_key = ${query.schoolUnitId}` : sql``}
        AND (r.ends_on IS NULL OR r.ends_on >= (now() AT TIME ZONE 'Europe/Stockholm')::date))`
          : sql``
      }
    ORDER BY u.display_name, u.username
    LIMIT ${query.limit ?? 100}`,
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    kind: r.kind as Account['kind'],
    source: r.source as Account['source'],
    isActive: r.is_active,
    disabledBy: r.disabled_by,
    hasPassword: r.has_password,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    roles: r.roles as Account['roles'],
  }));
}

export async function findAccount(tx: Tx, organiserId: string, userId: string): Promise<Account | null> {
  return (await listAccounts(tx, organiserId, { userId, limit: 1 }))[0] ?? null;
}

/** School units of the organiser, for the filter and the grant form. */
export async function listSchoolUnits(tx: Tx, organiserId: string): Promise<{ id: string; name: string }[]> {
  const rows = await tx
    .select({ id: schema.organisations.id, name: schema.organisations.displayName })
    .from(schema.organisations)
    .where(
      and(eq(schema.organisations.organiserId, organiserId), eq(schema.organisations.organisationType, 'Skolenhet')),
    );
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The account's trail: what was done to it and what it did, newest first; without free text (administrators see no case content). */
export async function accountAuditTrail(tx: Tx, organiserId: string, userId: string, limit = 200) {
  const rows = await queryRows<{
    occurred_at: Date | string;
    type: string;
    actor_name: string | null;
    data: Record<string, unknown>;
  }>(
    tx,
    sql`
    SELECT a.occurred_at, a.type, u.display_name AS actor_name, a.data
    FROM audit_events a LEFT JOIN users u ON u.organiser_id = a.organiser_id AND u.id = a.actor_user_id
    WHERE a.organiser_id = ${organiserId} AND ((a.subject_type = 'user' AND a.subject_id = ${userId}) OR a.actor_user_id = ${userId})
    ORDER BY a.id DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    occurredAt: new Date(r.occurred_at).toISOString(),
    type: r.type,
    actorName: r.actor_name,
    data: withoutFreeText(r.type, r.data),
  }));
}

/** Whether local passwords are allowed for the organiser (allowed until turned off). */
export async function findLocalLoginEnabled(tx: Tx, organiserId: string): Promise<boolean> {
  const [row] = await tx.select().from(schema.authSettings).where(eq(schema.authSettings.organiserId, organiserId));
  return row?.localLoginEnabled ?? true;
}
