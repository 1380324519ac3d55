/** Transports from configuration: SMTP and the HTTP SMS provider when configured, else the development channel. */
import type { MessageConfig } from '../../../config.js';
import type { Transports } from './channel.js';
import { devTransport } from './dev.js';
import { httpSmsTransport } from './http-sms.js';
import { smtpTransport } from './smtp.js';

export function transportsFromConfig(config: MessageConfig): Transports {
  return {
    email: config.smtpUrl
      ? smtpTransport(config.smtpUrl, config.smtpFrom)
      : devTransport('email', config.devMessagesFile, { isFull: config.isDevMessagesFull }),
    sms:
      config.smsProviderUrl && config.smsApiKey
        ? httpSmsTransport({
            url: config.smsProviderUrl,
            apiKey: config.smsApiKey,
            callbackUrl: config.publicBaseUrl
              ? `${config.publicBaseUrl.replace(/\/$/, '')}/api/messages/sms-callback`
              : undefined,
          })
        : devTransport('sms', config.devMessagesFile, { isFull: config.isDevMessagesFull }),
  };
}
