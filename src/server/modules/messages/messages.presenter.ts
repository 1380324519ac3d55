/** Delivery rows for staff (status and channel, never the address or the text), templates and unreachable guardians. */
import type { DeliveryListRow, UnreachableRow } from './messages.repo.js';
import { DEFAULT_TEMPLATES, MESSAGE_LOCALES, TEMPLATE_VARIABLES } from '../../../shared/messages/templates.js';
import type { DeliveryRow } from '../../../shared/schemas/guardians.js';
import { withoutContactDetails } from './channels/channel.js';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
/** Errors are stored without contact details; rows stored before that are cleaned on the way out. */
const errorText = (v: string | null) => (v === null ? null : withoutContactDetails(v));

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
    error: errorText(r.last_error ?? r.outbox_error),
    channel: r.channel,
    recipientName: options.hideRecipient ? null : r.recipient_name,
    attempts: r.attempts ?? 0,
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
  };
}

/** Every template in every language: the organiser's own wording where saved, the default otherwise. */
export function presentTemplates(own: { templateKey: string; locale: string; subject: string; body: string }[]) {
  const templates = Object.entries(DEFAULT_TEMPLATES).flatMap(([templateKey, byLocale]) =>
    MESSAGE_LOCALES.map((locale) => {
      const saved = own.find((t) => t.templateKey === templateKey && t.locale === locale);
      return {
        templateKey,
        locale,
        subject: saved?.subject ?? byLocale[locale].subject,
        body: saved?.body ?? byLocale[locale].body,
        isCustom: Boolean(saved),
      };
    }),
  );
  return { templates, variables: [...TEMPLATE_VARIABLES] };
}

export function presentUnreachable(r: UnreachableRow) {
  return {
    guardianId: r.guardian_id,
    // Protected identity: the guardians of the pupil are not named (as on the pupil page).
    guardianName: r.is_pupil_protected ? null : r.guardian_name,
    pupilId: r.pupil_id,
    pupilName: r.pupil_name,
    problem: r.has_channel ? ('lastDeliveryFailed' as const) : ('noChannel' as const),
    lastError: r.has_channel ? errorText(r.last_error) : null,
  };
}
