import { useTranslation } from 'react-i18next';
import type { LadderVersionSummary } from '@shared/schemas/ladders';
import { api } from '../../../api/endpoints';
import { DataTable, type Column } from '../../../components/DataTable';
import { Badge } from '../../../components/Badge';
import { formatDateTime, formatShortDate } from '../../../lib/format';

/** The versions of one ladder, newest first: status, dates, "Öppna" and export. */
export function VersionHistory({
  versions,
  inForceId,
  selectedId,
  onOpen,
}: {
  versions: LadderVersionSummary[];
  inForceId: string | null;
  selectedId: string;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const status = (version: LadderVersionSummary) => (
    <span className="badges">
      {version.id === inForceId && <Badge tone="success">{t('ladderVersions.inForce')}</Badge>}
      <Badge tone={version.status === 'draft' ? 'warning' : 'neutral'}>
        {t(`ladderVersions.statuses.${version.status}`, { defaultValue: version.status })}
      </Badge>
    </span>
  );
  const columns: Column<LadderVersionSummary>[] = [
    {
      id: 'version',
      header: t('ladderVersions.columns.version'),
      isRowHeader: true,
      isNumeric: true,
      sortValue: (v) => v.version,
      cell: (v) => v.version,
    },
    { id: 'name', header: t('ladderVersions.columns.name'), sortValue: (v) => v.name, cell: (v) => v.name },
    { id: 'status', header: t('ladderVersions.columns.status'), sortValue: (v) => v.status, cell: status },
    {
      id: 'effectiveFrom',
      header: t('ladderVersions.columns.effectiveFrom'),
      sortValue: (v) => v.effectiveFrom,
      cell: (v) => formatShortDate(v.effectiveFrom, i18n.language),
    },
    {
      id: 'createdAt',
      header: t('ladderVersions.columns.createdAt'),
      sortValue: (v) => v.createdAt,
      cell: (v) => formatDateTime(v.createdAt, i18n.language),
    },
    {
      id: 'publishedAt',
      header: t('ladderVersions.columns.publishedAt'),
      sortValue: (v) => v.publishedAt,
      cell: (v) => (v.publishedAt ? formatDateTime(v.publishedAt, i18n.language) : '–'),
    },
    {
      id: 'actions',
      header: t('ladderVersions.columns.actions'),
      cell: (v) => (
        <span className="button-row">
          {v.id === selectedId ? (
            <span className="muted">{t('ladderVersions.isOpen')}</span>
          ) : (
            <button type="button" className="button button-secondary button-small" onClick={() => onOpen(v.id)}>
              {t('ladderVersions.open')}
              <span className="visually-hidden"> {t('ladderVersions.versionNumber', { version: v.version })}</span>
            </button>
          )}
          <a className="button button-link button-small" href={api.ladderExportUrl(v.id)} download>
            {t('ladderVersions.export')}
            <span className="visually-hidden"> {t('ladderVersions.versionNumber', { version: v.version })}</span>
          </a>
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption={t('ladderVersions.caption')}
      isCaptionHidden
      columns={columns}
      rows={versions}
      rowKey={(v) => v.id}
      initialSort={{ columnId: 'version', direction: 'descending' }}
      emptyText={t('ladderVersions.empty')}
    />
  );
}
