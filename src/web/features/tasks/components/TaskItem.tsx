import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskRow } from '@shared/schemas/ladders';
import { api } from '../../../api/endpoints';
import { Badge } from '../../../components/Badge';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, formatShortDate } from '../../../lib/format';

/**
 * One task: title, pupil, due date with "Försenad", who it is for; an open task has "Klar",
 * which opens a short form for an optional note. Done tasks show when and the note.
 */
export function TaskItem({ task, showPupil = true, titleLevel = 3, onCompleted }: {
  task: TaskRow; showPupil?: boolean; titleLevel?: 3 | 4; onCompleted: (task: TaskRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [isCompleting, setIsCompleting] = useState(false);
  const [note, setNote] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const isOpen = task.status === 'open';
  const Title = titleLevel === 3 ? 'h3' : 'h4';

  useEffect(() => {
    if (isCompleting) noteRef.current?.focus();
  }, [isCompleting]);

  const handleCancel = () => {
    setIsCompleting(false);
    setError(null);
    requestAnimationFrame(() => openRef.current?.focus());
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      await api.completeTask(task.id, note.trim() || undefined);
      setIsCompleting(false);
      onCompleted(task);
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <li className={`task card ${task.isOverdue ? 'task-overdue' : ''} ${isOpen ? '' : 'task-done'}`} data-task-id={task.id}>
      <Title className="task-title" id={`${id}-title`}>{task.title}</Title>
      <p className="task-meta">
        {showPupil && (
          <span><Link to={`/pupils/${task.personId}`}>{task.pupilName}</Link>{task.className && ` (${task.className})`}</span>
        )}
        <span>{t('tasks.due', { date: formatShortDate(task.dueDate, i18n.language) })}</span>
        {task.isOverdue && <Badge tone="danger">{t('tasks.overdue')}</Badge>}
        {!isOpen && <Badge tone="success">{t('tasks.done')}</Badge>}
      </p>
      <p className="task-meta muted">
        {t('tasks.assignee', { role: t(`ladderText.roles.${task.role}`, { defaultValue: task.role }), name: task.assigneeName ?? t('tasks.noAssignee') })}
      </p>
      {!isOpen && (
        <p>
          {t('tasks.doneAt', { date: task.doneAt ? formatDateTime(task.doneAt, i18n.language) : '–' })}
          {task.doneNote && <>{' '}{t('tasks.note', { note: task.doneNote })}</>}
        </p>
      )}
      {isOpen && !isCompleting && (
        <button ref={openRef} type="button" className="button button-primary button-small" onClick={() => setIsCompleting(true)}
          aria-describedby={`${id}-title`}>
          {t('tasks.complete')}
        </button>
      )}
      {isOpen && isCompleting && (
        <form className="form task-complete" onSubmit={(event) => void handleSubmit(event)} aria-label={t('tasks.completeFormLabel', { title: task.title })}>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('tasks.noteLabel')}</label>
            <textarea id={`${id}-note`} ref={noteRef} rows={3} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)}
              aria-describedby={`${id}-note-hint`} />
            <p id={`${id}-note-hint`} className="hint">{t('tasks.noteHint')}</p>
          </div>
          {error !== null && <ErrorMessage error={error} />}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={isSaving}>{isSaving ? t('tasks.saving') : t('tasks.confirmComplete')}</button>
            <button type="button" className="button button-secondary" onClick={handleCancel} disabled={isSaving}>{t('tasks.cancel')}</button>
          </div>
        </form>
      )}
    </li>
  );
}
