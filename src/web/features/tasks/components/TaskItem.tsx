import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskRow } from '@shared/schemas/ladders';
import { api, type AssigneesResponse } from '../../../api/endpoints';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { Badge } from '../../../components/Badge';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, formatShortDate } from '../../../lib/format';

/** "Ge till…": the staff who can take the task (loaded when opened), then "Ge uppgiften". */
function ReassignForm({
  task,
  titleId,
  onReassigned,
  onCancel,
}: {
  task: TaskRow;
  titleId: string;
  onReassigned: (task: TaskRow, assigneeName: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const assignees = useApiQuery<AssigneesResponse>(api.taskAssigneesPath(task.id));
  const [userId, setUserId] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const users = (assignees.data?.users ?? []).filter((user) => user.id !== task.assigneeUserId);
  const roleNames = (roles: string[]) => roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(', ');

  // Focus stays in the form: on the cancel button while loading, then on the list of people.
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when the assignee list arrives or fails.
  useEffect(() => {
    (selectRef.current ?? cancelRef.current)?.focus();
  }, [assignees.data, assignees.error]);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const user = users.find((u) => u.id === userId);
    if (!user) return;
    setIsSaving(true);
    setError(null);
    try {
      await api.reassignTask(task.id, user.id);
      onReassigned(task, user.name);
    } catch (caught) {
      setError(caught);
      setIsSaving(false);
    }
  };

  return (
    <form
      className="form task-complete"
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={t('tasks.reassignFormLabel', { title: task.title })}
      aria-describedby={titleId}
      aria-busy={assignees.isLoading}
    >
      {assignees.error ? (
        <ErrorMessage error={assignees.error} onRetry={assignees.reload} />
      ) : !assignees.data ? (
        <p role="status" className="loading">
          {t('tasks.loadingAssignees')}
        </p>
      ) : users.length === 0 ? (
        <p>{t('tasks.noAssignees')}</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-user`}>{t('tasks.reassignLabel')}</label>
          <select id={`${id}-user`} ref={selectRef} value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">{t('tasks.choosePerson')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>{`${user.name} (${roleNames(user.roles)})`}</option>
            ))}
          </select>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving || !userId}>
          {isSaving ? t('tasks.saving') : t('tasks.confirmReassign')}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button-secondary"
          onClick={onCancel}
          disabled={isSaving}
        >
          {t('tasks.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * One task: title, pupil, step, due date with "Försenad", who it is for; an open task has "Klar",
 * which opens a short form for an optional note, and "Ge till…" to give it to someone else.
 * Done tasks show when and the note.
 */
export function TaskItem({
  task,
  showPupil = true,
  titleLevel = 3,
  onCompleted,
  onReassigned,
}: {
  task: TaskRow;
  showPupil?: boolean;
  titleLevel?: 3 | 4;
  onCompleted: (task: TaskRow) => void;
  onReassigned?: (task: TaskRow, assigneeName: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [isCompleting, setIsCompleting] = useState(false);
  const [isReassigning, setIsReassigning] = useState(false);
  const [note, setNote] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const reassignRef = useRef<HTMLButtonElement>(null);
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

  const handleCancelReassign = () => {
    setIsReassigning(false);
    requestAnimationFrame(() => reassignRef.current?.focus());
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
    <li
      className={`task card ${task.isOverdue ? 'task-overdue' : ''} ${isOpen ? '' : 'task-done'}`}
      data-task-id={task.id}
    >
      <Title className="task-title" id={`${id}-title`}>
        {task.title}
      </Title>
      <p className="task-meta">
        {showPupil && (
          <span>
            <Link to={`/pupils/${task.personId}`}>{task.pupilName}</Link>
            {task.className && ` (${task.className})`}
          </span>
        )}
        <span>{t('tasks.due', { date: formatShortDate(task.dueDate, i18n.language) })}</span>
        {task.stepName && <span>{t('tasks.step', { name: task.stepName })}</span>}
        {task.isOverdue && <Badge tone="danger">{t('tasks.overdue')}</Badge>}
        {!isOpen && <Badge tone="success">{t('tasks.done')}</Badge>}
      </p>
      <p className="task-meta muted">
        {t('tasks.assignee', {
          role: t(`ladderText.roles.${task.role}`, { defaultValue: task.role }),
          name: task.assigneeName ?? t('tasks.noAssignee'),
        })}
      </p>
      {!isOpen && (
        <p>
          {t('tasks.doneAt', { date: task.doneAt ? formatDateTime(task.doneAt, i18n.language) : '–' })}
          {task.doneNote && <> {t('tasks.note', { note: task.doneNote })}</>}
        </p>
      )}
      {isOpen && !isCompleting && !isReassigning && (
        <div className="button-row">
          <button
            ref={openRef}
            type="button"
            className="button button-primary button-small"
            onClick={() => setIsCompleting(true)}
            aria-describedby={`${id}-title`}
          >
            {t('tasks.complete')}
          </button>
          {onReassigned && (
            <button
              ref={reassignRef}
              type="button"
              className="button button-secondary button-small"
              onClick={() => setIsReassigning(true)}
              aria-describedby={`${id}-title`}
            >
              {t('tasks.reassign')}
            </button>
          )}
        </div>
      )}
      {isOpen && isReassigning && onReassigned && (
        <ReassignForm
          task={task}
          titleId={`${id}-title`}
          onCancel={handleCancelReassign}
          onReassigned={(done, name) => {
            setIsReassigning(false);
            onReassigned(done, name);
          }}
        />
      )}
      {isOpen && isCompleting && (
        <form
          className="form task-complete"
          onSubmit={(event) => void handleSubmit(event)}
          aria-label={t('tasks.completeFormLabel', { title: task.title })}
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('tasks.noteLabel')}</label>
            <textarea
              id={`${id}-note`}
              ref={noteRef}
              rows={3}
              maxLength={1000}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              aria-describedby={`${id}-note-hint`}
            />
            <p id={`${id}-note-hint`} className="hint">
              {t('tasks.noteHint')}
            </p>
          </div>
          {error !== null && <ErrorMessage error={error} />}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={isSaving}>
              {isSaving ? t('tasks.saving') : t('tasks.confirmComplete')}
            </button>
            <button type="button" className="button button-secondary" onClick={handleCancel} disabled={isSaving}>
              {t('tasks.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
