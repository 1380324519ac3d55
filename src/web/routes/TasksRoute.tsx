import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskRow } from '@shared/schemas/ladders';
import { api, type TasksResponse } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { TaskList } from '../features/tasks/components/TaskList';

/**
 * Uppgifter: the tasks the ladder created — first those assigned to me, then the others I can
 * see (my role's tasks at my school, my mentees' tasks). "Klar" with a note, "Ge till…"; "Visa klara".
 */
export default function TasksRoute() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [showDone, setShowDone] = useSearchParam('done');
  const query = useApiQuery<TasksResponse>(api.tasksPath(showDone === '1' ? 'all' : 'open'));
  const [status, setStatus] = useState('');
  const mineHeadingRef = useRef<HTMLHeadingElement>(null);
  const tasks = query.data?.tasks ?? [];
  const byStatus = (list: TaskRow[]) => [
    ...list.filter((task) => task.status === 'open'),
    ...list.filter((task) => task.status !== 'open'),
  ];
  const mine = byStatus(tasks.filter((task) => task.assigneeUserId === me?.userId));
  const others = byStatus(tasks.filter((task) => task.assigneeUserId !== me?.userId));
  const openMine = mine.filter((task) => task.status === 'open');

  const handleCompleted = (task: TaskRow) => {
    setStatus(t('tasks.completed', { title: task.title, pupil: task.pupilName }));
    query.reload();
    requestAnimationFrame(() => mineHeadingRef.current?.focus());
  };

  const handleReassigned = (task: TaskRow, assigneeName: string) => {
    setStatus(t('tasks.reassigned', { title: task.title, pupil: task.pupilName, name: assigneeName }));
    query.reload();
    // The task may move between the lists: focus goes to the first list's heading.
    requestAnimationFrame(() => mineHeadingRef.current?.focus());
  };

  return (
    <Page title={t('tasks.title')}>
      <p>{t('tasks.intro')}</p>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <div className="field field-checkbox">
          <input
            id="tasks-show-done"
            type="checkbox"
            checked={showDone === '1'}
            onChange={(event) => setShowDone(event.target.checked ? '1' : '')}
          />
          <label htmlFor="tasks-show-done">{t('tasks.showDone')}</label>
        </div>
      </form>
      <LiveStatus message={status} />
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="tasks-mine" className="page-section" aria-busy={query.isLoading}>
            <h2 id="tasks-mine" ref={mineHeadingRef} tabIndex={-1}>
              {t('tasks.mineHeading', { count: openMine.length })}
              {openMine.some((task) => task.isOverdue) && (
                <span className="heading-note">
                  {' '}
                  {t('tasks.overdueCount', { count: openMine.filter((task) => task.isOverdue).length })}
                </span>
              )}
            </h2>
            <TaskList
              tasks={mine}
              emptyText={t('tasks.mineEmpty')}
              onCompleted={handleCompleted}
              onReassigned={handleReassigned}
            />
          </section>
          <section aria-labelledby="tasks-others" className="page-section" aria-busy={query.isLoading}>
            <h2 id="tasks-others">
              {t('tasks.othersHeading', { count: others.filter((task) => task.status === 'open').length })}
            </h2>
            <p className="hint">{t('tasks.othersHint')}</p>
            <TaskList
              tasks={others}
              emptyText={t('tasks.othersEmpty')}
              onCompleted={handleCompleted}
              onReassigned={handleReassigned}
            />
          </section>
        </>
      )}
    </Page>
  );
}
