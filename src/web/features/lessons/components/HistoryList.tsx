import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarkHistoryEntry } from '@shared/schemas/lessons';
import { Badge } from '../../../components/Badge';
import { formatDateTime } from '../../../lib/format';

/** A stored mark as text; no mark means present. */
function useMarkText() {
  const { t } = useTranslation();
  return (mark: Record<string, unknown> | null): string => {
    if (!mark || typeof mark.kind !== 'string') return t('register.kinds.present');
    const kind = mark.kind;
    if (typeof mark.minutes === 'number' && (kind === 'late' || kind === 'left' || kind === 'imported')) {
      return t(`register.kindsWithMinutes.${kind}`, { minutes: mark.minutes });
    }
    return t(`register.kinds.${kind}`, { defaultValue: kind });
  };
}

/**
 * Ändringshistorik: the registration as made ("Anna registrerade: Elev Frånvarande") and each
 * correction (from → to), newest first. `focusIndex`: the entry to move focus to (the first of a
 * page just loaded).
 */
export function HistoryList({
  history,
  focusIndex = null,
}: {
  history: MarkHistoryEntry[];
  focusIndex?: number | null;
}) {
  const { t, i18n } = useTranslation();
  const markText = useMarkText();
  const focusRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focusIndex !== null) focusRef.current?.focus();
  }, [focusIndex]);
  if (history.length === 0) return <p>{t('register.history.empty')}</p>;
  const sorted = [...history].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <ol className="history-list">
      {sorted.map((entry, index) => (
        <li
          key={`${entry.personId}-${entry.changedAt}-${index}`}
          ref={index === focusIndex ? focusRef : undefined}
          tabIndex={index === focusIndex ? -1 : undefined}
        >
          <span className="history-time">{formatDateTime(entry.changedAt, i18n.language)}</span>{' '}
          {entry.isCorrection
            ? t('register.history.entry', {
                changedBy: entry.changedBy,
                pupil: entry.pupilName,
                from: markText(entry.previous),
                to: markText(entry.next),
              })
            : t('register.history.registered', {
                changedBy: entry.changedBy,
                pupil: entry.pupilName,
                to: markText(entry.next),
              })}
          {entry.isCorrection && (
            <>
              {' '}
              <Badge tone="warning">{t('register.history.correction')}</Badge>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
