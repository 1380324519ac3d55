/** A delivery report from the SMS provider: delivered, or failed with the provider's reason. */
import { and, eq, inArray } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { withoutContactDetails } from '../channels/channel.js';

/** @returns false when the reference names no delivery (the caller answers 404). */
export async function recordDeliveryReport(
  tx: Tx,
  report: { reference: string; status: 'delivered' | 'failed'; error?: string },
  now: Date,
): Promise<boolean> {
  const [organiserId, deliveryId] = report.reference.split('/');
  if (!/^[0-9a-f-]{36}$/i.test(organiserId ?? '') || !/^[0-9a-f-]{36}$/i.test(deliveryId ?? '')) return false;
  const updated = await tx
    .update(schema.messageDeliveries)
    .set(
      report.status === 'delivered'
        ? { status: 'delivered', deliveredAt: now }
        : {
            status: 'failed',
            lastError: withoutContactDetails(`SMS: ${report.error ?? 'not delivered'}`).slice(0, 500),
          },
    )
    .where(
      and(
        eq(schema.messageDeliveries.organiserId, organiserId),
        eq(schema.messageDeliveries.id, deliveryId),
        inArray(schema.messageDeliveries.status, ['sent', 'delivered', 'failed']),
      ),
    )
    .returning({ id: schema.messageDeliveries.id });
  return updated.length > 0;
}
