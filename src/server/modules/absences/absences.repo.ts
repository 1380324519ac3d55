/** Reads for staff-registered absence. */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';

/** An absence (report, leave or valid reason) by id; the caller checks the actor's relation to the pupil. */
export async function findAbsence(tx: Tx, organiserId: string, id: string) {
  const [absence] = await tx
    .select()
    .from(schema.absences)
    .where(and(eq(schema.absences.organiserId, organiserId), eq(schema.absences.id, id)));
  return absence;
}
