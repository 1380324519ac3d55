import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import type { RoleGrant } from '../../../../shared/roles.js';
import { hashPassword } from '../passwords.js';

export interface CreateUserInput {
  organiserId: string;
  username: string;
  password: string;
  displayName: string;
  personId?: string | null;
  roles: RoleGrant[];
  /** 'guardian' accounts carry no roles and reach only the guardian portal. */
  kind?: 'staff' | 'guardian';
  locale?: string;
}

/**
 * Creates a local account with its role grants. A person has one account per kind: when the
 * SS12000 sync already made one for `personId`, that account gets the username, password and
 * grants instead (so the demo's accounts are the ones sign-in finds).
 * @returns the user id.
 */
export async function createUser(tx: Tx, input: CreateUserInput): Promise<string> {
  const kind = input.kind ?? 'staff';
  const [existing] = input.personId
    ? await tx
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(
          and(
            eq(schema.users.organiserId, input.organiserId),
            eq(schema.users.personId, input.personId),
            eq(schema.users.kind, kind),
          ),
        )
        .limit(1)
    : [];
  const id = existing?.id ?? randomUUID();
  if (existing) {
    await tx
      .update(schema.users)
      .set({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        locale: input.locale ?? 'sv',
      })
      .where(and(eq(schema.users.organiserId, input.organiserId), eq(schema.users.id, id)));
  } else
    await tx.insert(schema.users).values({
      organiserId: input.organiserId,
      id,
      username: input.username,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      personId: input.personId ?? null,
      kind,
      locale: input.locale ?? 'sv',
    });
  if (input.roles.length > 0) {
    await tx
      .insert(schema.userRoles)
      .values(
        input.roles.map((g) => ({
          organiserId: input.organiserId,
          userId: id,
          role: g.role,
          schoolUnitKey: g.schoolUnitId ?? '',
        })),
      )
      .onConflictDoNothing();
  }
  return id;
}
