/** Development channel: appends each message to a file and prints one line, so `npm start` works offline. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage, Transport } from './channel.js';

export function devTransport(channel: 'email' | 'sms', file: string, print: (line: string) => void = console.log): Transport {
  return {
    name: 'dev',
    async send(message: OutgoingMessage) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), channel, ...message })}\n`);
      print(`[meddelande ${channel}] till ${message.to}: ${message.subject || message.body.slice(0, 60)}`);
      return { providerMessageId: null };
    },
  };
}
