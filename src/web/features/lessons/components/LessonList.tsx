import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '@shared/schemas/lessons';
import { LessonStatus } from './LessonStatus';
import { groupsNotInName } from '../lessonText';

/** The day's lessons as large tappable cards, in time order; each opens the register view. */
export function LessonList({ lessons }: { lessons: LessonSummary[] }) {
  const { t } = useTranslation();
  if (lessons.length === 0) return <p className="empty">{t('lessons.none')}</p>;
  const sorted = [...lessons].sort((a, b) => a.startTime.localeCompare(b.startTime));
  return (
    <ul className="lesson-list">
      {sorted.map((lesson) => (
        <li key={lesson.id} className="lesson-card">
          <Link to={`/lessons/${lesson.id}`} className="lesson-link">
            <span className="lesson-time">{t('lessons.timeRange', { start: lesson.startTime, end: lesson.endTime })}</span>{' '}
            <span className="lesson-activity">{lesson.activityName}</span>{' '}
            {groupsNotInName(lesson).length > 0 && <span className="lesson-groups">{groupsNotInName(lesson).join(', ')}</span>}
          </Link>
          <p className="lesson-meta">
            <span>{t('lessons.pupilCount', { count: lesson.pupilCount })}</span>
            <LessonStatus lesson={lesson} />
          </p>
        </li>
      ))}
    </ul>
  );
}
