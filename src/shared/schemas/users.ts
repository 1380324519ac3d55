import { Type, type Static } from 'typebox';
import { ROLES } from '../roles.js';
import { MAPPABLE_ROLES } from '../ss12000-role-mapping.js';

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const AccountGrant = Type.Object({
  role: Type.Enum(ROLES),
  schoolUnitId: Type.Union([Type.String(), Type.Null()]),
  schoolUnitName: Type.Union([Type.String(), Type.Null()]),
  /** ss12000: follows the import; manual: an administrator's grant. */
  source: Type.Union([Type.Literal('ss12000'), Type.Literal('manual')]),
  endsOn: Type.Union([Day, Type.Null()]),
});

export const Account = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('guardian')]),
  source: Type.Union([Type.Literal('ss12000'), Type.Literal('manual')]),
  isActive: Type.Boolean(),
  /** admin | ss12000 when disabled. */
  disabledBy: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(AccountGrant),
});
export type Account = Static<typeof Account>;

export const AccountQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(Type.Enum(ROLES)),
  schoolUnitId: Type.Optional(Uuid),
  kind: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('guardian')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export type AccountQuery = Static<typeof AccountQuery>;

export const AccountList = Type.Object({
  accounts: Type.Array(Account),
  schoolUnits: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type AccountList = Static<typeof AccountList>;

export const GrantRoleBody = Type.Object({
  role: Type.Enum(ROLES),
  schoolUnitId: Type.Union([Uuid, Type.Null()]),
  /** Last day the grant holds; null = until revoked. */
  endsOn: Type.Union([Day, Type.Null()]),
});
export type GrantRoleBody = Static<typeof GrantRoleBody>;

export const RevokeRoleBody = Type.Object({ role: Type.Enum(ROLES), schoolUnitId: Type.Union([Uuid, Type.Null()]) });
export type RevokeRoleBody = Static<typeof RevokeRoleBody>;

export const ResetPasswordBody = Type.Object({ password: Type.String({ minLength: 12, maxLength: 200 }) });

export const AccountAuditEvent = Type.Object({
  occurredAt: Type.String(),
  type: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export const AccountAudit = Type.Object({ events: Type.Array(AccountAuditEvent) });
export type AccountAudit = Static<typeof AccountAudit>;

export const RoleMapping = Type.Object({
  entries: Type.Array(
    Type.Object({
      sourceKind: Type.Union([Type.Literal('duty'), Type.Literal('assignment')]),
      sourceValue: Type.String({ minLength: 1, maxLength: 100 }),
      role: Type.Union([Type.Enum(MAPPABLE_ROLES), Type.Null()]),
    }),
    { maxItems: 200 },
  ),
});
export type RoleMapping = Static<typeof RoleMapping>;

export const AuthSettings = Type.Object({ localLoginEnabled: Type.Boolean() });
export type AuthSettings = Static<typeof AuthSettings>;
