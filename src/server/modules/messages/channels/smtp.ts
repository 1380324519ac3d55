/** E-mail over real SMTP with nodemailer. The Message-ID is derived from the delivery, so a resend after a crash is recognisable. */
import nodemailer from 'nodemailer';
import { DeliveryError, type OutgoingMessage, type Transport } from './channel.js';

export function smtpTransport(smtpUrl: string, from: string): Transport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(message: OutgoingMessage) {
      try {
        const info = await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.body,
          messageId: `<${message.reference.replace('/', '.')}@narvaro>`,
          headers: { 'Content-Language': message.locale },
        });
        return { providerMessageId: info.messageId ?? null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx from the server is a permanent rejection (bad mailbox); the rest (network, 4xx) is retried.
        throw new DeliveryError(`SMTP: ${(error as Error).message}`.slice(0, 500), code !== undefined && code >= 500);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
