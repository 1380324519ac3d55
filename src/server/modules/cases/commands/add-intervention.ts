import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { plannedFollowUps } from '../../../../shared/cases/index.js';
import type { AddInterventionRequest } from '../../../../shared/schemas/cases.js';
import type { Catalogue } from '../cases.repo.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/** Adds an intervention to the action plan and plans its follow-up points (Norrköping: start, 3 months, 1 year). */
export async function addIntervention(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  catalogue: Catalogue,
  input: AddInterventionRequest,
): Promise<{ id: string }> {
  assertOpen(c);
  if (!catalogue.interventions.some((x) => x.code === input.code && !x.isRetired)) {
    throw new AppError('UNKNOWN_CATALOGUE_CODE', 'Insatsen finns inte i katalogen.', [
      { path: '/code', message: 'Okänd insats.' },
    ]);
  }
  const id = randomUUID();
  await tx.insert(schema.caseInterventions).values({
    organiserId: ctx.organiserId,
    id,
    caseId: c.id,
    code: input.code,
    responsibleUserId: input.responsibleUserId,
    startDate: input.startDate,
    followUpScheme: input.followUpScheme,
    goal: input.goal.trim(),
    comment: input.comment?.trim() || null,
    createdByUserId: ctx.actorUserId,
  });
  await tx.insert(schema.caseFollowUps).values(
    plannedFollowUps(input.followUpScheme, input.startDate).map((p) => ({
      organiserId: ctx.organiserId,
      id: randomUUID(),
      interventionId: id,
      caseId: c.id,
      point: p.point,
      plannedOn: p.plannedOn,
    })),
  );
  await writeAuditEvent(tx, ctx, {
    type: 'case.add-intervention',
    ...subjectOf(c),
    data: { interventionId: id, code: input.code, startDate: input.startDate, followUpScheme: input.followUpScheme },
  });
  return { id };
}
