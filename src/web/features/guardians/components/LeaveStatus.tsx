import { useTranslation } from 'react-i18next';
import type { LeaveRequestRow } from '../../../api/endpoints';
import { Badge, type BadgeTone } from '../../../components/Badge';

const TONES: Record<string, BadgeTone> = { pending: 'info', granted: 'success', rejected: 'danger' };

/** A leave request's status as a badge ("Väntar på beslut", "Beviljad", "Avslagen"). */
export function LeaveStatusBadge({ request }: { request: LeaveRequestRow }) {
  const { t } = useTranslation();
  return (
    <Badge tone={TONES[request.status] ?? 'neutral'}>
      {t(`leaveStatus.${request.status}`, { defaultValue: request.status })}
    </Badge>
  );
}
