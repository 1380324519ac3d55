import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MessageLogResponse } from '../../../api/endpoints';
import { DataTable, type Column } from '../../../components/DataTable';
import { Badge, type BadgeTone } from '../../../components/Badge';
import { formatDateTime } from '../../../lib/format';

type Delivery = MessageLogResponse['messages'][number];

const STATUS_TONES: Record<string, BadgeTone> = {
  pending: 'neutral',
  queued: 'info',
  sending: 'info',
  sent: 'success',
  delivered: 'success',
  failed: 'danger',
  withdrawn: 'neutral',
};
/** Delivery statuses in the order the filter offers them. */
export const DELIVERY_STATUSES = ['pending', 'queued', 'sent', 'delivered', 'failed', 'withdrawn'] as const;
/** Channels in the order the filter offers them. */
export const DELIVERY_CHANNELS = ['email', 'sms', 'inbox'] as const;

/**
 * Why a message was withdrawn or held, in the reader's language: our reasons are codes (with the
 * fields after a colon, e.g. EMPTY_PLACEHOLDER:month); a provider's own error text stays as it came.
 */
export function reasonText(t: TFunction, error: string): string {
  const match = /^([A-Z][A-Z_]+)(?::(.*))?$/s.exec(error);
  if (!match) return error;
  return t(`messageReasons.${match[1]}`, { fields: (match[2] ?? '').split(',').join(', '), defaultValue: error });
}

/** A delivery's status in words, with the failure reason when it failed. */
function DeliveryStatus({ row }: { row: Delivery }) {
  const { t } = useTranslation();
  return (
    <span className="cell-stack">
      <Badge tone={STATUS_TONES[row.status] ?? 'neutral'}>
        {t(`deliveryStatus.${row.status}`, { defaultValue: row.status })}
      </Badge>
      {row.error && <span className="hint">{reasonText(t, row.error)}</span>}
    </span>
  );
}

/**
 * Messages and their deliveries: when, which template, to whom and how, status (queued, sent,
 * failed with reason, delivered), attempts. `showPupil` adds the pupil column (the admin log).
 */
export function DeliveryTable({
  rows,
  caption,
  showPupil = false,
}: {
  rows: Delivery[];
  caption: string;
  showPupil?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const columns: Column<Delivery>[] = [
    {
      id: 'created',
      header: t('deliveries.columns.created'),
      cell: (r) => formatDateTime(r.createdAt, i18n.language),
      sortValue: (r) => r.createdAt,
    },
    ...(showPupil
      ? [
          {
            id: 'pupil',
            header: t('deliveries.columns.pupil'),
            sortValue: (r: Delivery) => r.pupilName,
            cell: (r: Delivery) =>
              r.pupilId && r.pupilName ? <Link to={`/pupils/${r.pupilId}`}>{r.pupilName}</Link> : '–',
          },
        ]
      : []),
    {
      id: 'template',
      header: t('deliveries.columns.template'),
      cell: (r) => t(`messageTemplates.${r.templateKey}`, { defaultValue: r.templateKey }),
      sortValue: (r) => r.templateKey,
    },
    {
      id: 'recipient',
      header: t('deliveries.columns.recipient'),
      cell: (r) => r.recipientName ?? t('deliveries.notExpanded'),
    },
    {
      id: 'channel',
      header: t('deliveries.columns.channel'),
      cell: (r) => (r.channel ? t(`deliveryChannels.${r.channel}`, { defaultValue: r.channel }) : '–'),
    },
    {
      id: 'status',
      header: t('deliveries.columns.status'),
      cell: (r) => <DeliveryStatus row={r} />,
      sortValue: (r) => r.status,
    },
    { id: 'attempts', header: t('deliveries.columns.attempts'), cell: (r) => r.attempts, isNumeric: true },
    {
      id: 'sent',
      header: t('deliveries.columns.sent'),
      cell: (r) => ((r.deliveredAt ?? r.sentAt) ? formatDateTime((r.deliveredAt ?? r.sentAt)!, i18n.language) : '–'),
    },
  ];
  return (
    <DataTable
      caption={caption}
      isCaptionHidden
      columns={columns}
      rows={rows}
      rowKey={(r) => `${r.outboxId}-${r.deliveryId ?? ''}`}
      emptyText={t('deliveries.empty')}
      initialSort={{ columnId: 'created', direction: 'descending' }}
    />
  );
}
