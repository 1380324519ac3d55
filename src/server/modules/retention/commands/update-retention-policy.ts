/** The organiser sets its retention periods; validated against the rules' limits, audited. */
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { AppError } from '../../../errors.js';
import { validateRetentionPolicy, type RetentionPolicy } from '../../../../shared/retention/policy.js';

export async function updateRetentionPolicy(
  tx: Tx,
  ctx: AuditContext,
  policy: RetentionPolicy,
  now: Date,
): Promise<void> {
  const problems = validateRetentionPolicy(policy);
  if (problems.length > 0)
    throw new AppError('RETENTION_POLICY_INVALID', 'Gallringsreglerna är inte giltiga.', problems);
  const values = { policy, updatedByUserId: ctx.actorUserId, updatedAt: now };
  await tx
    .insert(schema.retentionPolicies)
    .values({ organiserId: ctx.organiserId, ...values })
    .onConflictDoUpdate({ target: [schema.retentionPolicies.organiserId], set: values });
  await writeAuditEvent(tx, ctx, { type: 'retention.update-policy', data: { policy } });
}
