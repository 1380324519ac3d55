import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem, ImportReport } from '../../../api/endpoints';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatNumber } from '../../../lib/format';

/**
 * A word of the uploaded file (SS12000's own keys, such as `givenName` or `civicNo.value`, and
 * JSON's true/false/null): the admin looks it up in the file, so it stays as it is there, shown
 * as code in the file's language rather than as a Swedish word.
 */
function FileWord({ word }: { word: string }) {
  return <code lang="en">{word}</code>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The problem's sentence with the file's vocabulary shown as code: its field path wherever the
 * sentence names it, and JSON's own words ("väntade true eller false").
 */
function ProblemMessage({ message, field }: { message: string; field: string }) {
  const vocabulary = new RegExp(`(${field ? `${escapeRegExp(field)}|` : ''}\\b(?:true|false|null)\\b)`);
  // split() with one capturing group: the odd parts are the words to show as code.
  return message.split(vocabulary).map((part, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence, never reordered
    <Fragment key={index}>{index % 2 === 1 ? <FileWord word={part} /> : part}</Fragment>
  ));
}

/** The result of an import: status, counts per kind, and every problem with file, post, id and field. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const isApplied = report.status === 'applied';
  const counts = Object.entries(report.counts).map(([kind, count]) => ({ kind, count }));
  const countColumns: Column<{ kind: string; count: number }>[] = [
    {
      id: 'kind',
      header: t('import.counts.kind'),
      isRowHeader: true,
      cell: (row) => t(`import.kinds.${row.kind}`, { defaultValue: row.kind }),
    },
    {
      id: 'count',
      header: t('import.counts.count'),
      isNumeric: true,
      cell: (row) => formatNumber(row.count, i18n.language),
    },
  ];
  const problemColumns: Column<ImportProblem & { key: string }>[] = [
    { id: 'file', header: t('import.problems.file'), sortValue: (p) => p.file, cell: (p) => p.file },
    {
      id: 'index',
      header: t('import.problems.index'),
      isNumeric: true,
      sortValue: (p) => p.index,
      cell: (p) => p.index ?? '–',
    },
    { id: 'id', header: t('import.problems.id'), cell: (p) => p.id ?? '–' },
    {
      id: 'field',
      header: t('import.problems.field'),
      sortValue: (p) => p.field,
      cell: (p) => (p.field ? <FileWord word={p.field} /> : '–'),
    },
    {
      id: 'message',
      header: t('import.problems.message'),
      cell: (p) => <ProblemMessage message={p.message} field={p.field} />,
    },
  ];
  const problems = report.problems.map((problem, index) => ({ ...problem, key: String(index) }));
  return (
    <div className="import-report">
      <p className={`message ${isApplied ? 'message-success' : 'message-error'}`}>
        <strong>{isApplied ? t('import.applied') : t('import.rejected')}</strong>{' '}
        {t('import.duration', { seconds: formatNumber(Math.round(report.durationMs / 100) / 10, i18n.language) })}
      </p>
      {counts.length > 0 && (
        <DataTable
          caption={t('import.counts.caption')}
          columns={countColumns}
          rows={counts}
          rowKey={(row) => row.kind}
        />
      )}
      {problems.length > 0 && (
        <DataTable
          caption={t('import.problems.caption', { count: problems.length })}
          columns={problemColumns}
          rows={problems}
          rowKey={(p) => p.key}
        />
      )}
    </div>
  );
}
