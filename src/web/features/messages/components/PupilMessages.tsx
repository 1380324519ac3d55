import { useTranslation } from 'react-i18next';
import { api, type MessageLogResponse } from '../../../api/endpoints';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { Loading } from '../../../components/Loading';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { DeliveryTable } from './DeliveryTable';

/** The pupil page's "Meddelanden till vårdnadshavare": every message about the pupil and each delivery's status. */
export function PupilMessages({ pupilId }: { pupilId: string }) {
  const { t } = useTranslation();
  const query = useApiQuery<MessageLogResponse>(api.pupilMessagesPath(pupilId));
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  return <DeliveryTable rows={query.data.messages} caption={t('pupil.sections.messages')} />;
}
