import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '@shared/schemas/pupils';
import { FigureCell, ShareCell } from '../../../components/FigureCell';

/** The period's key figures as a description list: rates with coverage, lateness and day counts. */
export function FigureSummary({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const items: [string, ReactNode][] = [
    [
      t('figures.absentRate'),
      <FigureCell key="absent" rate={figures.absentRate} coverage={figures.coverage} showCoverage={false} />,
    ],
    [
      t('figures.validRate'),
      <FigureCell key="valid" rate={figures.validRate} coverage={figures.coverage} showCoverage={false} />,
    ],
    [
      t('figures.invalidRate'),
      <FigureCell key="invalid" rate={figures.invalidRate} coverage={figures.coverage} showCoverage={false} />,
    ],
    [t('figures.coverage'), <ShareCell key="coverage" share={figures.coverage} />],
    [t('figures.late'), t('figures.lateValue', { count: figures.lateCount, minutes: figures.lateMinutes })],
    [t('figures.absentDays'), t('figures.daysOf', { count: figures.absentDays, total: figures.schoolDays })],
    [t('figures.absenceOccasions'), figures.absenceOccasions],
    [t('figures.longestRun'), t('figures.days', { count: figures.longestRun })],
  ];
  return (
    <dl className="figure-summary">
      {items.map(([label, value]) => (
        <div key={label} className="figure-summary-item">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
