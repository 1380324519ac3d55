import { randomUUID } from 'node:crypto';
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

/** Creates a local account with its role grants. @returns the new user id. */
export async function createUser(tx: Tx, input: CreateUserInput): Promise<string> {
  const id = randomUUID();
  await tx.insert(schema.users).values({
    organiserId: input.organiserId,
    id,
    username: input.username,
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName,
    personId: input.personId ?? null,
    kind: input.kind ?? 'staff',
    locale: input.locale ?? 'sv',
  });
  if (input.roles.length > 0) {
    await tx.insert(schema.userRoles).values(input.roles.map((g) => ({
      organiserId: input.organiserId, userId: id, role: g.role, schoolUnitKey: g.schoolUnitId ?? '',
    })));
  }
  return id;
}
