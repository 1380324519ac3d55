import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import type { SetCausesRequest } from '../../../../shared/schemas/cases.js';
import type { Catalogue } from '../cases.repo.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/**
 * Replaces the case's causes: codes from the organiser's catalogue (not retired), exactly one
 * primary. Free text only as a comment per cause, so the organiser can count causes.
 */
export async function setCauses(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  catalogue: Catalogue,
  input: SetCausesRequest,
): Promise<void> {
  assertOpen(c);
  const active = new Set(catalogue.causes.filter((x) => !x.isRetired).map((x) => x.code));
  const unknown = input.causes.map((x, i) => ({ x, i })).filter(({ x }) => !active.has(x.code));
  if (unknown.length > 0)
    throw new AppError(
      'UNKNOWN_CATALOGUE_CODE',
      'Orsaken finns inte i katalogen.',
      unknown.map(({ i }) => ({ path: `/causes/${i}/code`, message: 'Okänd orsak.' })),
    );
  const codes = input.causes.map((x) => x.code);
  if (new Set(codes).size !== codes.length)
    throw new AppError('VALIDATION_FAILED', 'Samma orsak finns två gånger.', [
      { path: '/causes', message: 'Dubbletter.' },
    ]);
  const primaries = input.causes.filter((x) => x.isPrimary);
  if (primaries.length !== 1)
    throw new AppError('PRIMARY_CAUSE_REQUIRED', 'Välj exakt en huvudorsak.', [
      { path: '/causes', message: 'Exakt en huvudorsak.' },
    ]);
  await tx
    .delete(schema.caseCauses)
    .where(and(eq(schema.caseCauses.organiserId, ctx.organiserId), eq(schema.caseCauses.caseId, c.id)));
  await tx.insert(schema.caseCauses).values(
    input.causes.map((x) => ({
      organiserId: ctx.organiserId,
      caseId: c.id,
      code: x.code,
      isPrimary: x.isPrimary,
      givenBy: x.givenBy,
      comment: x.comment?.trim() || null,
    })),
  );
  await writeAuditEvent(tx, ctx, {
    type: 'case.set-causes',
    ...subjectOf(c),
    data: { codes, primary: primaries[0].code },
  });
}
