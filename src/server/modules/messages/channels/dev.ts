/**
 * Development channel: appends each message to a file (the developer's mailbox), so `npm start`
 * works offline. Nothing goes to stdout (logs are collected and kept elsewhere), and by default
 * the file holds no personal data either: the address is masked and subject and body are left
 * out. `DEV_MESSAGES_FULL=1` writes the whole message, for demos on made-up data only.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage, Transport } from './channel.js';

/** `anna.svensson@example.se` → `a***@e***`, `+46701234567` → `+46*******67`. */
export function maskAddress(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) return `${to[0]}***@${to[at + 1] ?? ''}***`;
  return to.length <= 5 ? '*****' : `${to.slice(0, 3)}${'*'.repeat(to.length - 5)}${to.slice(-2)}`;
}

export function devTransport(channel: 'email' | 'sms', file: string, options: { isFull?: boolean } = {}): Transport {
  return {
    name: 'dev',
    async send(message: OutgoingMessage) {
      const line = options.isFull
        ? message
        : {
            reference: message.reference,
            locale: message.locale,
            to: maskAddress(message.to),
            subject: message.subject ? '[redacted]' : '',
            body: `[redacted, ${message.body.length} characters]`,
          };
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), channel, ...line })}\n`, {
        mode: 0o600,
      });
      return { providerMessageId: null };
    },
  };
}
