/**
 * SMS through an HTTP provider: POST JSON {to, text, reference, callbackUrl} with
 * `Authorization: Bearer <SMS_API_KEY>` and `Idempotency-Key: <reference>`; the answer is
 * JSON {id}. Delivery reports come back to /api/messages/sms-callback.
 */
import { DeliveryError, type OutgoingMessage, type Transport } from './channel.js';

export function httpSmsTransport(options: { url: string; apiKey: string; callbackUrl?: string }): Transport {
  return {
    name: 'http-sms',
    async send(message: OutgoingMessage) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.apiKey}`,
            'idempotency-key': message.reference,
          },
          body: JSON.stringify({
            to: message.to,
            text: message.body,
            reference: message.reference,
            callbackUrl: options.callbackUrl ?? null,
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new DeliveryError(`SMS provider unreachable: ${(error as Error).message}`);
      }
      const text = await response.text();
      if (!response.ok) {
        // 4xx except 408/429 means the provider refuses this message; retrying will not help.
        const isPermanent =
          response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
        throw new DeliveryError(`SMS provider ${response.status}: ${text.slice(0, 200)}`, isPermanent);
      }
      let id: string | null = null;
      try {
        id = (JSON.parse(text) as { id?: string }).id ?? null;
      } catch {
        /* provider without a JSON body */
      }
      return { providerMessageId: id };
    },
  };
}
