/** Delivery rows for staff: status and channel, never the address or the text. */
import type { DeliveryListRow } from './messages.repo.js';
import type { DeliveryRow } from '../../../shared/schemas/guardians.js';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function presentDelivery(r: DeliveryListRow, options: { hideRecipient: boolean }): DeliveryRow {
  const status = r.status === null ? r.outbox_status : r.status === 'sending' ? 'queued' : r.status;
  return {
    outboxId: r.outbox_id,
    deliveryId: r.delivery_id,
    kind: r.kind,
    templateKey: r.template_key,
    pupilId: r.person_id,
    pupilName: r.pupil_name,
    aboutDate: r.about_date,
    createdAt: iso(r.created_at)!,
    sendAfter: iso(r.send_after)!,
    status,
    error: r.last_error ?? r.outbox_error,
    channel: r.channel,
    recipientName: options.hideRecipient ? null : r.recipient_name,
    attempts: r.attempts ?? 0,
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
  };
}
