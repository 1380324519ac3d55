import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonDetail, MarkHistoryEntry } from '@shared/schemas/lessons';
import { api } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { HistoryList } from './HistoryList';

/** The older entries loaded so far, and where the next page starts (null: none left). */
interface Older {
  entries: MarkHistoryEntry[];
  cursor: string | null;
}

/**
 * Ändringshistorik: the register carries only its newest changes; "Visa äldre ändringar" loads
 * the next older page and moves focus to its first entry (the button goes when none are left).
 * Give it a `key` that changes with the first page: older pages loaded before a save would leave
 * a gap after it.
 */
export function LessonHistory({ detail }: { detail: LessonDetail }) {
  const { t } = useTranslation();
  const [older, setOlder] = useState<Older>({ entries: [], cursor: detail.historyCursor });
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const entries = [...detail.history, ...older.entries];

  const handleShowOlder = async () => {
    if (older.cursor === null || isLoading) return;
    setIsLoading(true);
    setError(null);
    try {
      const page = await api.lessonHistory(detail.lesson.id, older.cursor);
      setFocusIndex(page.history.length > 0 ? entries.length : null);
      setOlder({ entries: [...older.entries, ...page.history], cursor: page.historyCursor });
    } catch (caught) {
      setError(caught);
    } finally {
      setIsLoading(false);
    }
  };

  return (
    <>
      <HistoryList history={entries} focusIndex={focusIndex} />
      {detail.historyTotal > entries.length && (
        <p className="hint" id="history-shown">
          {t('register.history.shown', { shown: entries.length, total: detail.historyTotal })}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} onRetry={() => void handleShowOlder()} />}
      {older.cursor !== null && (
        <button
          type="button"
          className="button button-secondary"
          aria-describedby={detail.historyTotal > entries.length ? 'history-shown' : undefined}
          aria-disabled={isLoading}
          onClick={() => void handleShowOlder()}
        >
          {isLoading ? t('register.history.loadingOlder') : t('register.history.showOlder')}
        </button>
      )}
    </>
  );
}
