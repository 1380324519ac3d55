import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import type { PreviewResponse } from '@shared/schemas/ladders';
import { DataTable, type Column } from '../../../components/DataTable';
import { Badge } from '../../../components/Badge';
import { formatShortDate } from '../../../lib/format';
import { stepLabel } from '../ladderText';

type PreviewRow = PreviewResponse['rows'][number];

/** A step's name by key in a definition (the current state may come from another ladder). */
const nameOf = (definition: LadderDefinition | null, key: string | null) =>
  key ? (definition?.steps.find((step) => step.key === key)?.name ?? null) : null;

/**
 * "Förhandsgranska": who would be on which step today under the draft, next to the step they
 * are on now, with the draft's explanation; the counts per step are summed up in words first.
 */
export function PreviewTable({
  preview,
  effectiveFrom,
  draft,
  current,
}: {
  preview: PreviewResponse;
  effectiveFrom: string;
  draft: LadderDefinition;
  current: LadderDefinition | null;
}) {
  const { t, i18n } = useTranslation();
  const changed = preview.rows.filter((row) => row.current.stepIndex !== row.draft.stepIndex).length;
  const perStep = draft.steps.map((step, index) => ({
    name: step.name,
    number: index + 1,
    count: preview.rows.filter((row) => row.draft.stepIndex === index + 1).length,
  }));

  const change = (row: PreviewRow) => {
    const direction =
      row.draft.stepIndex > row.current.stepIndex
        ? 'up'
        : row.draft.stepIndex < row.current.stepIndex
          ? 'down'
          : 'same';
    return (
      <Badge tone={direction === 'up' ? 'warning' : direction === 'down' ? 'info' : 'neutral'}>
        {t(`ladderPreview.change.${direction}`)}
      </Badge>
    );
  };

  const columns: Column<PreviewRow>[] = [
    {
      id: 'name',
      header: t('ladderPreview.columns.pupil'),
      isRowHeader: true,
      sortValue: (row) => row.name,
      cell: (row) => <Link to={`/pupils/${row.personId}`}>{row.name}</Link>,
    },
    {
      id: 'class',
      header: t('ladderPreview.columns.class'),
      sortValue: (row) => row.className ?? '',
      cell: (row) => row.className ?? '–',
    },
    {
      id: 'current',
      header: t('ladderPreview.columns.current'),
      sortValue: (row) => row.current.stepIndex,
      cell: (row) => stepLabel(t, row.current.stepIndex, nameOf(current, row.current.stepKey)),
    },
    {
      id: 'draft',
      header: t('ladderPreview.columns.draft'),
      sortValue: (row) => row.draft.stepIndex,
      cell: (row) => stepLabel(t, row.draft.stepIndex, nameOf(draft, row.draft.stepKey)),
    },
    {
      id: 'change',
      header: t('ladderPreview.columns.change'),
      sortValue: (row) => row.draft.stepIndex - row.current.stepIndex,
      cell: change,
    },
    { id: 'explanation', header: t('ladderPreview.columns.explanation'), cell: (row) => row.draft.explanation },
  ];

  return (
    <div className="ladder-preview">
      <p>
        {t('ladderPreview.summary', {
          date: formatShortDate(preview.date, i18n.language),
          from: formatShortDate(effectiveFrom, i18n.language),
          count: preview.rows.length,
          changed,
        })}
      </p>
      <ul className="step-count-list">
        {perStep.map((step) => (
          <li key={step.number}>
            {t('ladderPreview.perStep', { number: step.number, name: step.name, count: step.count })}
          </li>
        ))}
      </ul>
      <DataTable
        caption={t('ladderPreview.caption')}
        columns={columns}
        rows={preview.rows}
        rowKey={(row) => row.personId}
        initialSort={{ columnId: 'draft', direction: 'descending' }}
        emptyText={t('ladderPreview.empty')}
      />
    </div>
  );
}
