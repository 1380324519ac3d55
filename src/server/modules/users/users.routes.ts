/**
 * User administration for the system administrator and the organiser's administrator: accounts
 * with roles and where they come from, disable/enable, manual grants, password reset, the
 * account's audit trail; the SS12000 role mapping and whether local passwords are allowed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import type { AuditContext } from '../../audit/write-audit-event.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import type { Actor } from '../../policies/actor.js';
import { notFound } from '../../errors.js';
import { recordAccountAuditRead } from './commands/record-account-audit-read.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import type { Role } from '../../../shared/roles.js';
import {
  Account,
  AccountAudit,
  AccountList,
  AccountQuery,
  AuthSettings,
  GrantRoleBody,
  ResetPasswordBody,
  RevokeRoleBody,
  RoleMapping,
} from '../../../shared/schemas/users.js';
import { assertMayChangeAccount, assertMayGrant, assertMaySetPassword, assertUserAdmin } from './users.policy.js';
import { accountAuditTrail, findAccount, findLocalLoginEnabled, listAccounts, listSchoolUnits } from './users.repo.js';
import { grantRole, resetPassword, revokeRole, setAccountActive } from './commands/administer-account.js';
import { updateAuthSettings, updateRoleMapping } from './commands/update-sign-in-settings.js';
import { effectiveRoleMapping } from './role-mapping.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** @throws NOT_FOUND unless the account is the organiser's */
async function assertAccountExists(tx: Tx, organiserId: string, userId: string): Promise<void> {
  if (!(await findAccount(tx, organiserId, userId))) throw notFound('NOT_FOUND', 'Kontot finns inte.');
}

export async function userRoutes(fastify: FastifyInstance, { database }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  /**
   * A user administrator's change to one account, in one transaction.
   * @param grantedRole the role the change grants or revokes, which the administrator must be allowed to grant
   * @param assertMayChange a further check of the account (e.g. whose password the actor may set)
   * @throws FORBIDDEN before anything is read, NOT_FOUND unless the account is the organiser's,
   *   FORBIDDEN for an administrator's account unless the actor may grant administrator roles
   * @returns the account after the change
   */
  const changeAccount = (
    request: FastifyRequest,
    userId: string,
    change: (tx: Tx, ctx: AuditContext, userId: string) => Promise<void>,
    grantedRole?: Role,
    assertMayChange?: (actor: Actor, account: Account) => void,
  ) => {
    const actor = actorOf(request);
    assertUserAdmin(actor);
    if (grantedRole) assertMayGrant(actor, grantedRole);
    return db.transaction(async (tx) => {
      const account = await findAccount(tx, actor.organiserId, userId);
      if (!account) throw notFound('NOT_FOUND', 'Kontot finns inte.');
      assertMayChangeAccount(actor, account);
      assertMayChange?.(actor, account);
      await change(tx, auditContextOf(request), userId);
      return (await findAccount(tx, actor.organiserId, userId))!;
    });
  };

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Accounts of the organiser (search, filter by role and school unit)',
        querystring: AccountQuery,
        response: { 200: AccountList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertUserAdmin(actor);
      return {
        accounts: await listAccounts(db, actor.organiserId, request.query),
        schoolUnits: await listSchoolUnits(db, actor.organiserId),
      };
    },
  );

  for (const [action, isActive] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.post(
      `/api/users/:id/${action}`,
      {
        schema: {
          tags: ['users'],
          summary: `${action === 'disable' ? 'Disable' : 'Enable'} an account (audited)`,
          params: UserParams,
          response: { 200: Account, ...errors },
        },
      },
      async (request) =>
        changeAccount(request, request.params.id, (tx, ctx, userId) => setAccountActive(tx, ctx, userId, isActive)),
    );
  }

  app.post(
    '/api/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'Grant a role manually, optionally until a day (audited)',
        params: UserParams,
        body: GrantRoleBody,
        response: { 200: Account, ...errors },
      },
    },
    async (request) =>
      changeAccount(
        request,
        request.params.id,
        (tx, ctx, userId) => grantRole(tx, ctx, userId, request.body),
        request.body.role,
      ),
  );

  app.post(
    '/api/users/:id/roles/revoke',
    {
      schema: {
        tags: ['users'],
        summary: 'Revoke a manual role grant (audited)',
        params: UserParams,
        body: RevokeRoleBody,
        response: { 200: Account, ...errors },
      },
    },
    async (request) =>
      changeAccount(
        request,
        request.params.id,
        (tx, ctx, userId) => revokeRole(tx, ctx, userId, request.body),
        request.body.role,
      ),
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Set a new local password (audited; sessions end)',
        params: UserParams,
        body: ResetPasswordBody,
        response: { 200: Account, ...errors },
      },
    },
    async (request) =>
      changeAccount(
        request,
        request.params.id,
        (tx, ctx, userId) => resetPassword(tx, ctx, userId, request.body.password),
        undefined,
        assertMaySetPassword,
      ),
  );

  app.get(
    '/api/users/:id/audit',
    {
      schema: {
        tags: ['users'],
        summary: "The account's audit trail (the read is audited)",
        params: UserParams,
        response: { 200: AccountAudit, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertUserAdmin(actor);
      return db.transaction(async (tx) => {
        await assertAccountExists(tx, actor.organiserId, request.params.id);
        const events = await accountAuditTrail(tx, actor.organiserId, request.params.id);
        await recordAccountAuditRead(tx, auditContextOf(request), request.params.id);
        return { events };
      });
    },
  );

  app.get(
    '/api/users/role-mapping',
    {
      schema: {
        tags: ['users'],
        summary: "SS12000 duty and assignment roles → Närvaro roles (defaults with the organiser's changes)",
        response: { 200: RoleMapping, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertUserAdmin(actor);
      return { entries: await effectiveRoleMapping(db, actor.organiserId) };
    },
  );

  app.put(
    '/api/users/role-mapping',
    {
      schema: {
        tags: ['users'],
        summary: 'Set the role mapping (used by the next import or sync; audited)',
        body: RoleMapping,
        response: { 200: RoleMapping, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertUserAdmin(actor);
      return db.transaction(async (tx) => {
        await updateRoleMapping(tx, auditContextOf(request), request.body);
        return { entries: await effectiveRoleMapping(tx, actor.organiserId) };
      });
    },
  );

  app.get(
    '/api/users/sign-in-settings',
    {
      schema: {
        tags: ['users'],
        summary: 'Whether local passwords are allowed for the organiser',
        response: { 200: AuthSettings, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertUserAdmin(actor);
      return { localLoginEnabled: await findLocalLoginEnabled(db, actor.organiserId) };
    },
  );

  app.put(
    '/api/users/sign-in-settings',
    {
      schema: {
        tags: ['users'],
        summary: 'Allow or turn off local passwords (the system administrator always may; audited)',
        body: AuthSettings,
        response: { 200: AuthSettings, ...errors },
      },
    },
    async (request) => {
      assertUserAdmin(actorOf(request));
      await db.transaction((tx) => updateAuthSettings(tx, auditContextOf(request), request.body.localLoginEnabled));
      return request.body;
    },
  );
}
