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

/** The transport per channel: e-mail and SMS (the in-app inbox needs none). */
export interface Transports {
  email: Transport;
  sms: Transport;
}
