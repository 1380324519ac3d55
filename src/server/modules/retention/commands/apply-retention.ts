/** Thins one organiser's data past its retention periods and records what went, in one transaction. */
import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { retentionCutoffs, type RetentionCutoffs } from '../../../../shared/retention/policy.js';
import { findRetentionPolicy, thinPastRetention, type RetentionCounts } from '../retention.repo.js';

export async function applyRetention(
  tx: Tx,
  ctx: AuditContext,
  today: string,
  now: Date,
): Promise<{ cutoffs: RetentionCutoffs; counts: RetentionCounts }> {
  const { policy } = await findRetentionPolicy(tx, ctx.organiserId);
  const cutoffs = retentionCutoffs(policy, today);
  const counts = await thinPastRetention(tx, ctx.organiserId, cutoffs, now);
  // Written after the thinning, so the record of this run is never itself thinned by it.
  await writeAuditEvent(tx, ctx, { type: 'retention.apply', data: { cutoffs, counts } });
  return { cutoffs, counts };
}
