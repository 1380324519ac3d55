import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Sets (or, with `isSet` false, clears) the concern flag: absence that causes concern, whatever its size. */
export async function setConcernFlag(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  pupilId: string,
  input: { isSet: boolean; date: string; note?: string },
): Promise<void> {
  const open = and(
    eq(schema.concernFlags.organiserId, ctx.organiserId),
    eq(schema.concernFlags.personId, pupilId),
    isNull(schema.concernFlags.clearedOn),
  );
  if (input.isSet) {
    const [existing] = await tx.select().from(schema.concernFlags).where(open);
    if (!existing)
      await tx.insert(schema.concernFlags).values({
        organiserId: ctx.organiserId,
        id: randomUUID(),
        personId: pupilId,
        setOn: input.date,
        note: input.note ?? null,
        setByUserId: ctx.actorUserId,
      });
  } else {
    await tx.update(schema.concernFlags).set({ clearedOn: input.date }).where(open);
  }
  await writeAuditEvent(tx, ctx, { type: 'ladder.set-concern-flag', pupilId, data: { isSet: input.isSet } });
}
