import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Absence } from '../../../api/endpoints';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Badge } from '../../../components/Badge';
import { formatDateTime, formatShortDate } from '../../../lib/format';
import { reasonFallbackLabel } from '../reasons';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Absence reports, leave and staff reasons with a withdraw button for active ones. */
export function AbsenceList({ absences, onChanged }: { absences: Absence[]; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const when = (value: string) =>
    DATE_ONLY.test(value) ? formatShortDate(value, i18n.language) : formatDateTime(value, i18n.language);

  const handleWithdraw = async (absence: Absence) => {
    if (!window.confirm(t('absences.confirmWithdraw'))) return;
    setBusyId(absence.id);
    setError(null);
    try {
      await api.withdrawAbsence(absence.id);
      onChanged(t('absences.withdrawn'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusyId(null);
    }
  };

  const columns: Column<Absence>[] = [
    {
      id: 'kind',
      header: t('absences.columns.kind'),
      isRowHeader: true,
      cell: (a) => t(`absences.kinds.${a.kind}`, { defaultValue: a.kind }),
    },
    { id: 'from', header: t('absences.columns.from'), cell: (a) => when(a.startsAt) },
    { id: 'to', header: t('absences.columns.to'), cell: (a) => when(a.endsAt) },
    {
      id: 'reason',
      header: t('absences.columns.reason'),
      cell: (a) =>
        a.reasonCode ? t(`reasons.${a.reasonCode}`, { defaultValue: reasonFallbackLabel(a.reasonCode) }) : '–',
    },
    { id: 'comment', header: t('absences.columns.comment'), cell: (a) => a.comment ?? '' },
    {
      id: 'source',
      header: t('absences.columns.source'),
      cell: (a) => t(`absences.sources.${a.source}`, { defaultValue: a.source }),
    },
    {
      id: 'action',
      header: t('absences.columns.status'),
      cell: (a) =>
        a.isWithdrawn ? (
          <Badge tone="neutral">{t('absences.isWithdrawn')}</Badge>
        ) : (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busyId === a.id}
            onClick={() => void handleWithdraw(a)}
          >
            {t('absences.withdraw')}
            <span className="visually-hidden">{`: ${t(`absences.kinds.${a.kind}`, { defaultValue: a.kind })} ${when(a.startsAt)}`}</span>
          </button>
        ),
    },
  ];

  return (
    <>
      {error !== null && <ErrorMessage error={error} />}
      <DataTable
        caption={t('absences.caption')}
        isCaptionHidden
        columns={columns}
        rows={absences}
        rowKey={(a) => a.id}
        rowClassName={(a) => (a.isWithdrawn ? 'row-muted' : undefined)}
        emptyText={t('absences.empty')}
      />
    </>
  );
}
