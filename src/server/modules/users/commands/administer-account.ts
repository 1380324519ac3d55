/**
 * What an administrator does to an account (web page and CLI alike), each with its audit event in
 * the same transaction. The caller has checked the policy and that the account is the organiser's.
 */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { AppError } from '../../../errors.js';
import { hashPassword } from '../../auth/passwords.js';
import type { GrantRoleBody, RevokeRoleBody } from '../../../../shared/schemas/users.js';

const ofUser = (organiserId: string, userId: string) =>
  and(eq(schema.users.organiserId, organiserId), eq(schema.users.id, userId));

/** Disable (sessions end at once) or enable; an account the sync disabled is enabled by the administrator too. */
export async function setAccountActive(tx: Tx, ctx: AuditContext, userId: string, isActive: boolean): Promise<void> {
  if (!isActive && ctx.actorUserId === userId)
    throw new AppError('FORBIDDEN', 'Du kan inte stänga av ditt eget konto.');
  await tx
    .update(schema.users)
    .set({ isActive, disabledBy: isActive ? null : 'admin' })
    .where(ofUser(ctx.organiserId, userId));
  if (!isActive)
    await tx
      .delete(schema.sessions)
      .where(and(eq(schema.sessions.organiserId, ctx.organiserId), eq(schema.sessions.userId, userId)));
  await writeAuditEvent(tx, ctx, { type: isActive ? 'user.enable' : 'user.disable', targetUserId: userId, data: {} });
}

/** A manual grant (e.g. elevhälsa for a socialpedagog without an SS12000 duty), optionally until a day. */
export async function grantRole(tx: Tx, ctx: AuditContext, userId: string, grant: GrantRoleBody): Promise<void> {
  const isSchoolRole = !['organiserAdmin', 'systemAdmin', 'region'].includes(grant.role);
  if (isSchoolRole !== (grant.schoolUnitId !== null)) {
    throw new AppError(
      'VALIDATION_FAILED',
      isSchoolRole
        ? 'Rollen gäller en skolenhet: välj skolenhet.'
        : 'Rollen gäller hela huvudmannen: ange ingen skolenhet.',
    );
  }
  if (grant.schoolUnitId) {
    const [unit] = await tx
      .select({ id: schema.organisations.id })
      .from(schema.organisations)
      .where(
        and(
          eq(schema.organisations.organiserId, ctx.organiserId),
          eq(schema.organisations.id, grant.schoolUnitId),
          eq(schema.organisations.organisationType, 'Skolenhet'),
        ),
      );
    if (!unit) throw new AppError('VALIDATION_FAILED', 'Skolenheten finns inte hos huvudmannen.');
  }
  const [user] = await tx.select({ kind: schema.users.kind }).from(schema.users).where(ofUser(ctx.organiserId, userId));
  if (user?.kind === 'guardian')
    throw new AppError('VALIDATION_FAILED', 'Ett vårdnadshavarkonto kan inte få personalroller.');
  // A grant the same as an SS12000 one becomes manual: the administrator's decision outlives the duty.
  await tx
    .insert(schema.userRoles)
    .values({
      organiserId: ctx.organiserId,
      userId,
      role: grant.role,
      schoolUnitKey: grant.schoolUnitId ?? '',
      source: 'manual',
      endsOn: grant.endsOn,
    })
    .onConflictDoUpdate({
      target: [
        schema.userRoles.organiserId,
        schema.userRoles.userId,
        schema.userRoles.role,
        schema.userRoles.schoolUnitKey,
      ],
      set: { source: 'manual', endsOn: grant.endsOn, grantedAt: new Date() },
    });
  await writeAuditEvent(tx, ctx, {
    type: 'user.grant-role',
    targetUserId: userId,
    data: { role: grant.role, schoolUnitId: grant.schoolUnitId, endsOn: grant.endsOn },
  });
}

/** Removes a manual grant; an SS12000 grant follows the data (change the duty or the role mapping). */
export async function revokeRole(tx: Tx, ctx: AuditContext, userId: string, grant: RevokeRoleBody): Promise<void> {
  const where = and(
    eq(schema.userRoles.organiserId, ctx.organiserId),
    eq(schema.userRoles.userId, userId),
    eq(schema.userRoles.role, grant.role),
    eq(schema.userRoles.schoolUnitKey, grant.schoolUnitId ?? ''),
  );
  const [existing] = await tx.select({ source: schema.userRoles.source }).from(schema.userRoles).where(where);
  if (!existing) throw new AppError('NOT_FOUND', 'Kontot har inte den rollen.');
  if (existing.source === 'ss12000') {
    throw new AppError(
      'ROLE_FROM_SS12000',
      'Rollen kommer från SS12000 och följer tjänstgöringen. Ändra i elevregistret eller i rollöversättningen.',
    );
  }
  await tx.delete(schema.userRoles).where(where);
  await writeAuditEvent(tx, ctx, {
    type: 'user.revoke-role',
    targetUserId: userId,
    data: { role: grant.role, schoolUnitId: grant.schoolUnitId },
  });
}

/** Sets a new local password (argon2id); the account's sessions end. */
export async function resetPassword(tx: Tx, ctx: AuditContext, userId: string, password: string): Promise<void> {
  await tx
    .update(schema.users)
    .set({ passwordHash: await hashPassword(password) })
    .where(ofUser(ctx.organiserId, userId));
  await tx
    .delete(schema.sessions)
    .where(and(eq(schema.sessions.organiserId, ctx.organiserId), eq(schema.sessions.userId, userId)));
  await writeAuditEvent(tx, ctx, { type: 'user.reset-password', targetUserId: userId, data: {} });
}
