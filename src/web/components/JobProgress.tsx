import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** A running background job: a labelled progress bar and "x av y elever" (announced by the caller's status line). */
export function JobProgress({ label, progress }: { label: string; progress: { done: number; total: number } }) {
  const { t } = useTranslation();
  const id = useId();
  const isKnown = progress.total > 0;
  return (
    <div className="job-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={isKnown ? progress.total : undefined} value={isKnown ? progress.done : undefined} />
      <span className="muted">
        {isKnown ? t('jobs.progress', { done: progress.done, total: progress.total }) : t('jobs.waiting')}
      </span>
    </div>
  );
}
