import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EvaluationSummary } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';

/**
 * "Utvärdera nu": runs the ladder evaluation for a school unit (or the whole organiser) at once.
 * The first run after a ladder is published replays history from its start date and can take
 * half a minute, so the button is disabled, the wait is announced and the seconds are shown.
 */
export function EvaluateButton({ schoolUnitId, onDone }: { schoolUnitId: string | undefined; onDone: (summary: EvaluationSummary) => void }) {
  const { t } = useTranslation();
  const hintId = useId();
  const [isRunning, setIsRunning] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!isRunning) return;
    const started = Date.now();
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [isRunning]);

  const handleClick = async () => {
    setError(null);
    setSeconds(0);
    setIsRunning(true);
    setStatus(t('evaluate.running'));
    try {
      const summary = await api.evaluateLadders(schoolUnitId ? { schoolUnitId } : {});
      setStatus(t('evaluate.done', { pupils: summary.pupils, onStep: summary.onStep, changes: summary.changes, tasks: summary.tasks }));
      onDone(summary);
    } catch (caught) {
      setStatus('');
      setError(caught);
    } finally {
      setIsRunning(false);
    }
  };

  return (
    <div className="evaluate">
      <button type="button" className="button button-secondary" onClick={() => void handleClick()} disabled={isRunning} aria-describedby={hintId}>
        {isRunning ? t('evaluate.buttonRunning') : t('evaluate.button')}
      </button>
      {isRunning && <span className="muted" aria-hidden="true">{t('evaluate.seconds', { count: seconds })}</span>}
      <p id={hintId} className="hint">{t('evaluate.hint')}</p>
      <p role="status" aria-live="polite" className={status ? `message ${isRunning ? 'message-info' : 'message-success'}` : 'live-empty'}>{status}</p>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
