/** Accounts and sessions. Usernames are global (login precedes the tenant). */
import { and, eq, gt, gte, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';
import type { Role, RoleGrant } from '../../../shared/roles.js';

export async function findUserByUsername(tx: Tx, username: string) {
  const [user] = await tx.select().from(schema.users).where(eq(schema.users.username, username)).limit(1);
  return user ?? null;
}

/** Grants in force: a grant with an end date holds through that day (Europe/Stockholm). */
const STOCKHOLM_TODAY = sql`(now() AT TIME ZONE 'Europe/Stockholm')::date`;

export async function loadRoleGrants(tx: Tx, organiserId: string, userId: string): Promise<RoleGrant[]> {
  const rows = await tx
    .select()
    .from(schema.userRoles)
    .where(
      and(
        eq(schema.userRoles.organiserId, organiserId),
        eq(schema.userRoles.userId, userId),
        or(isNull(schema.userRoles.endsOn), gte(schema.userRoles.endsOn, STOCKHOLM_TODAY)),
      ),
    );
  return rows.map((r) => ({ role: r.role as Role, schoolUnitId: r.schoolUnitKey || null }));
}

/** The grants in force of the query's user (`users`), as a JSON array of {role, schoolUnitKey}. */
const ROLE_GRANTS_OF_USER = sql`(select coalesce(json_agg(json_build_object('role', r.role, 'schoolUnitKey', r.school_unit_key)), '[]')
  from user_roles r where r.organiser_id = ${schema.users.organiserId} and r.user_id = ${schema.users.id}
    and (r.ends_on is null or r.ends_on >= ${STOCKHOLM_TODAY}))`;

/**
 * The live-session lookup, built once per database: every request runs it, and building the
 * drizzle query each time cost more than the PostgreSQL round trip. Named, so PostgreSQL parses
 * and plans it once per connection. Selects only what an actor needs (not the password hash).
 */
const liveSessionQueries = new WeakMap<Tx, ReturnType<typeof prepareLiveSession>>();

function prepareLiveSession(tx: Tx) {
  return tx
    .select({
      session: {
        csrfToken: schema.sessions.csrfToken,
        oidcKind: schema.sessions.oidcKind,
        lastSeenAt: schema.sessions.lastSeenAt,
      },
      user: {
        id: schema.users.id,
        organiserId: schema.users.organiserId,
        username: schema.users.username,
        displayName: schema.users.displayName,
        personId: schema.users.personId,
        kind: schema.users.kind,
        locale: schema.users.locale,
      },
      grants: sql<{ role: string; schoolUnitKey: string }[]>`${ROLE_GRANTS_OF_USER}`,
    })
    .from(schema.sessions)
    .innerJoin(
      schema.users,
      and(eq(schema.users.organiserId, schema.sessions.organiserId), eq(schema.users.id, schema.sessions.userId)),
    )
    .where(
      and(
        eq(schema.sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(schema.sessions.expiresAt, sql.placeholder('now')),
        gt(schema.sessions.lastSeenAt, sql.placeholder('idleSince')),
        eq(schema.users.isActive, true),
      ),
    )
    .limit(1)
    .prepare('narvaro_live_session');
}

/**
 * Loads a live session with its user and the user's role grants in force (one statement: every
 * request resolves its actor); null when missing, expired, idle for `idleMinutes` or the account
 * is disabled. A live session's last-seen time moves on (at most once a minute, so a busy page
 * does not write on every request).
 */
export async function findLiveSession(tx: Tx, tokenHash: string, now: Date, idleMinutes = 60) {
  let query = liveSessionQueries.get(tx);
  if (!query) liveSessionQueries.set(tx, (query = prepareLiveSession(tx)));
  // Placeholders skip the columns' encoders, so the instants go as drizzle would send them: ISO strings.
  const [row] = await query.execute({
    tokenHash,
    now: now.toISOString(),
    idleSince: new Date(now.getTime() - idleMinutes * 60_000).toISOString(),
  });
  if (row && now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await tx
      .update(schema.sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(schema.sessions.tokenHash, tokenHash), lt(schema.sessions.lastSeenAt, now)));
  }
  if (!row) return null;
  const roles: RoleGrant[] = row.grants.map((g: { role: string; schoolUnitKey: string }) => ({
    role: g.role as Role,
    schoolUnitId: g.schoolUnitKey || null,
  }));
  return { session: row.session, user: row.user, roles };
}

/**
 * Local passwords can be turned off per organiser (auth_settings); the system administrator may
 * always use one, so an installation can never lock itself out.
 */
export async function isLocalLoginAllowed(tx: Tx, user: { organiserId: string; id: string }): Promise<boolean> {
  const [settings] = await tx
    .select()
    .from(schema.authSettings)
    .where(eq(schema.authSettings.organiserId, user.organiserId))
    .limit(1);
  if (!settings || settings.localLoginEnabled) return true;
  const grants = await loadRoleGrants(tx, user.organiserId, user.id);
  return grants.some((g) => g.role === 'systemAdmin');
}

/** Ends every session of the user except the one behind `keepTokenHash`; returns how many ended. */
export async function deleteOtherSessions(
  tx: Tx,
  organiserId: string,
  userId: string,
  keepTokenHash: string,
): Promise<number> {
  const ended = await tx
    .delete(schema.sessions)
    .where(
      and(
        eq(schema.sessions.organiserId, organiserId),
        eq(schema.sessions.userId, userId),
        ne(schema.sessions.tokenHash, keepTokenHash),
      ),
    )
    .returning({ tokenHash: schema.sessions.tokenHash });
  return ended.length;
}
