import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '@shared/schemas/lessons';
import { LessonStatus } from './LessonStatus';
import { groupsNotInName } from '../lessonText';
import { hasKeptDraft } from '../keptDraft';
import { Badge } from '../../../components/Badge';
import { formatShortDate } from '../../../lib/format';

/**
 * Lessons as large tappable cards, in time order; each opens the register view. `showDate` for
 * lists over several days. A lesson with unsaved marks in this tab says so.
 */
export function LessonList({ lessons, showDate = false }: { lessons: LessonSummary[]; showDate?: boolean }) {
  const { t, i18n } = useTranslation();
  if (lessons.length === 0) return <p className="empty">{t('lessons.none')}</p>;
  const sorted = [...lessons].sort((a, b) => `${a.date} ${a.startTime}`.localeCompare(`${b.date} ${b.startTime}`));
  return (
    <ul className="lesson-list">
      {sorted.map((lesson) => (
        <li key={lesson.id} className="lesson-card">
          <Link to={`/lessons/${lesson.id}`} className="lesson-link">
            {showDate && <span className="lesson-date">{formatShortDate(lesson.date, i18n.language)} </span>}
            <span className="lesson-time">
              {t('lessons.timeRange', { start: lesson.startTime, end: lesson.endTime })}
            </span>{' '}
            <span className="lesson-activity">{lesson.activityName}</span>{' '}
            {groupsNotInName(lesson).length > 0 && (
              <span className="lesson-groups">{groupsNotInName(lesson).join(', ')}</span>
            )}
          </Link>
          <p className="lesson-meta">
            <span>{t('lessons.pupilCount', { count: lesson.pupilCount })}</span>
            <LessonStatus lesson={lesson} />
            {hasKeptDraft(lesson.id) && <Badge tone="info">{t('lessons.status.draft')}</Badge>}
          </p>
        </li>
      ))}
    </ul>
  );
}
