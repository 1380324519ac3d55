import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { PortalPage } from '../features/guardians/components/PortalPage';

/** Mina meddelanden: what the school has sent the guardian (one entry per message, whatever the channel). */
export default function GuardianMessagesRoute() {
  const { t, i18n } = useTranslation();
  return (
    <PortalPage title={t('guardianPortal.messages.title')}>
      {(overview) => {
        const messages = [...overview.messages].sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
        return messages.length === 0 ? (
          <p className="empty">{t('guardianPortal.messages.empty')}</p>
        ) : (
          <ul className="portal-list">
            {messages.map((message) => (
              <li key={message.id} className="card">
                <h2 className="portal-card-title">{message.subject}</h2>
                {message.sentAt && <p className="muted">{formatDateTime(message.sentAt, i18n.language)}</p>}
                <p className="portal-message-body">{message.body}</p>
              </li>
            ))}
          </ul>
        );
      }}
    </PortalPage>
  );
}
