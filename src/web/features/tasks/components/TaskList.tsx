import { useTranslation } from 'react-i18next';
import type { TaskRow } from '@shared/schemas/ladders';
import { TaskItem } from './TaskItem';

/** Tasks as a list of cards (overdue first, as the server orders them by due date). */
export function TaskList({
  tasks,
  showPupil = true,
  titleLevel = 3,
  emptyText,
  onCompleted,
  onReassigned,
}: {
  tasks: TaskRow[];
  showPupil?: boolean;
  titleLevel?: 3 | 4;
  emptyText: string;
  onCompleted: (task: TaskRow) => void;
  /** Offers "Ge till…" on open tasks. */
  onReassigned?: (task: TaskRow, assigneeName: string) => void;
}) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ul className="task-list" aria-label={t('tasks.listLabel', { count: tasks.length })}>
      {tasks.map((task) => (
        <TaskItem
          key={task.id}
          task={task}
          showPupil={showPupil}
          titleLevel={titleLevel}
          onCompleted={onCompleted}
          onReassigned={onReassigned}
        />
      ))}
    </ul>
  );
}
