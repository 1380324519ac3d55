/**
 * Creates a region (a county cooperation) with its member organisers and, optionally, its first
 * user with the region role. The region's id is the tenant of its users, so they reach no
 * organiser's rows; members are seen only while they share. Audited in the region's own trail.
 */
import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent } from '../../../audit/write-audit-event.js';
import { createUser } from '../../auth/commands/create-user.js';

export interface CreateRegionInput {
  name: string;
  organiserIds: string[];
  user?: { username: string; password: string; displayName: string };
}

export async function createRegion(
  tx: Tx,
  input: CreateRegionInput,
  actorUserId: string | null = null,
): Promise<string> {
  const regionId = randomUUID();
  await tx.insert(schema.regions).values({ regionId, name: input.name });
  if (input.organiserIds.length > 0)
    await tx.insert(schema.regionMembers).values(input.organiserIds.map((organiserId) => ({ regionId, organiserId })));
  if (input.user) {
    await createUser(tx, {
      organiserId: regionId,
      ...input.user,
      personId: null,
      roles: [{ role: 'region', schoolUnitId: null }],
    });
  }
  await writeAuditEvent(
    tx,
    { organiserId: regionId, actorUserId },
    { type: 'statistics.create-region', data: { name: input.name, organiserIds: input.organiserIds } },
  );
  return regionId;
}
