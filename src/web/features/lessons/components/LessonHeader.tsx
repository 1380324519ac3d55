import { useTranslation } from 'react-i18next';
import type { LessonDetail } from '@shared/schemas/lessons';
import { formatLongDate } from '../../../lib/format';
import { LessonStatus } from './LessonStatus';

/** Date, time, groups, school and confirmation state of a lesson. */
export function LessonHeader({ detail }: { detail: LessonDetail }) {
  const { t, i18n } = useTranslation();
  const { lesson } = detail;
  return (
    <div className="lesson-header">
      <p className="lead">
        {formatLongDate(lesson.date, i18n.language)},{' '}
        {t('lessons.timeRange', { start: lesson.startTime, end: lesson.endTime })}
      </p>
      <p>
        {t('register.groups', { groups: lesson.groupNames.join(', ') })} · {lesson.schoolUnitName} ·{' '}
        {t('register.minutes', { count: lesson.teachingMinutes })}
      </p>
      <p className="lesson-header-status">
        <LessonStatus lesson={lesson} />
        {lesson.isConfirmed && detail.confirmedBy && (
          <span> {t('register.confirmedBy', { name: detail.confirmedBy })}</span>
        )}
      </p>
      {detail.access === 'read' && <p className="message message-info">{t('register.readOnly')}</p>}
      {detail.access === 'correct' && <p className="message message-info">{t('register.correctAccess')}</p>}
    </div>
  );
}
