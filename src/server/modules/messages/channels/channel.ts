/**
 * Message transports. A transport sends one rendered delivery and answers with the provider's
 * id, or throws; `isPermanent` errors are not retried (e.g. a rejected address).
 */
export interface OutgoingMessage {
  /** `${organiserId}/${deliveryId}`: the stable reference sent along (Message-ID, SMS reference). */
  reference: string;
  to: string;
  subject: string;
  body: string;
  locale: string;
}

export interface Transport {
  /** smtp | http-sms | dev */
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }>;
  close?(): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly isPermanent = false,
  ) {
    super(message);
  }
}

/** An e-mail address, or a run of digits (with spaces, dashes, a leading +) that may be a number. */
const CONTACT_DETAIL = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+|\+?\d[\d\s-]*\d/g;

/**
 * A provider's error without the e-mail addresses, phone numbers and personal numbers it may quote
 * (an SMTP 550 names the refused mailbox): delivery errors are stored and shown to staff, who never
 * see addresses. Short numbers (status codes) stay.
 */
export function withoutContactDetails(text: string): string {
  return text.replace(CONTACT_DETAIL, (match) =>
    match.includes('@') || match.replace(/\D/g, '').length >= 7 ? '[dolt]' : match,
  );
}

/** The transport per channel: e-mail and SMS (the in-app inbox needs none). */
export interface Transports {
  email: Transport;
  sms: Transport;
}
