import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';
import { formatPercent } from '../../../lib/format';
import { patternDescription } from '../patternText';

type Pattern = PupilPage['patterns'][number];

/** A pattern in plain words: "Frånvaro främst på måndagar: 45 % av frånvaron, 20 % av schemat". */
function usePatternText() {
  const { t, i18n } = useTranslation();
  return (pattern: Pattern): string => {
    const description = patternDescription(t, pattern);
    const shares = t('patterns.shares', {
      absent: formatPercent(pattern.absentShare, i18n.language, 0),
      scheduled: formatPercent(pattern.scheduledShare, i18n.language, 0),
    });
    return `${description}: ${shares}`;
  };
}

/** Absence patterns: flagged ones first and prominent; the rest of the categories with absence behind a disclosure. */
export function PatternList({ patterns }: { patterns: Pattern[] }) {
  const { t } = useTranslation();
  const text = usePatternText();
  const flagged = patterns.filter((p) => p.isFlagged).sort((a, b) => b.ratio - a.ratio);
  const others = patterns.filter((p) => !p.isFlagged && p.absentShare > 0).sort((a, b) => b.ratio - a.ratio);
  return (
    <>
      {flagged.length === 0 ? (
        <p>{t('patterns.noneFlagged')}</p>
      ) : (
        <ul className="pattern-list">
          {flagged.map((pattern) => (
            <li key={`${pattern.dimension}-${pattern.category}`} className="pattern-flagged">
              <strong>{text(pattern)}</strong>
              <span className="pattern-occasions"> {t('patterns.occasions', { count: pattern.occasions })}</span>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <details className="disclosure">
          <summary>{t('patterns.others', { count: others.length })}</summary>
          <ul className="pattern-list">
            {others.map((pattern) => (
              <li key={`${pattern.dimension}-${pattern.category}`}>
                {text(pattern)}{' '}
                <span className="pattern-occasions">{t('patterns.occasions', { count: pattern.occasions })}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="hint">{t('patterns.explanation')}</p>
    </>
  );
}
