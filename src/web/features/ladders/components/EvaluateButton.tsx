import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EvaluationSummary } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { JobProgress } from '../../../components/JobProgress';
import { useBackgroundJob } from '../../../hooks/useBackgroundJob';

/**
 * "Utvärdera nu": starts the ladder evaluation for a school unit (or the whole organiser) as a
 * background job and shows its progress. The first run after a ladder is published replays
 * history from its start date, so it can take a while; the page stays usable meanwhile.
 */
export function EvaluateButton({
  schoolUnitId,
  onDone,
}: {
  schoolUnitId: string | undefined;
  onDone: (summary: EvaluationSummary) => void;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const job = useBackgroundJob<EvaluationSummary>();
  const [status, setStatus] = useState('');

  const handleClick = async () => {
    setStatus(t('evaluate.running'));
    const summary = await job.start(() => api.startLadderEvaluation(schoolUnitId ? { schoolUnitId } : {}));
    if (!summary) {
      setStatus('');
      return;
    }
    setStatus(
      t('evaluate.done', {
        pupils: summary.pupils,
        onStep: summary.onStep,
        changes: summary.changes,
        tasks: summary.tasks,
      }),
    );
    onDone(summary);
  };

  return (
    <div className="evaluate">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void handleClick()}
        disabled={job.isRunning}
        aria-describedby={hintId}
      >
        {job.isRunning ? t('evaluate.buttonRunning') : t('evaluate.button')}
      </button>
      {job.isRunning && <JobProgress label={t('evaluate.progress')} progress={job.progress} />}
      <p id={hintId} className="hint">
        {t('evaluate.hint')}
      </p>
      <p
        role="status"
        aria-live="polite"
        className={status ? `message ${job.isRunning ? 'message-info' : 'message-success'}` : 'live-empty'}
      >
        {status}
      </p>
      {job.error !== null && <ErrorMessage error={job.error} />}
    </div>
  );
}
