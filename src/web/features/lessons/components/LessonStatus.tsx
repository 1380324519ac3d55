import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '@shared/schemas/lessons';
import { Badge } from '../../../components/Badge';

/** Confirmed / not confirmed / cancelled, plus "Vikarie" for substitute lessons; always as text. */
export function LessonStatus({ lesson }: { lesson: LessonSummary }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {lesson.isCancelled ? (
        <Badge tone="neutral">{t('lessons.status.cancelled')}</Badge>
      ) : lesson.isConfirmed ? (
        <Badge tone="success">
          <span aria-hidden="true">✓ </span>
          {t('lessons.status.confirmed')}
        </Badge>
      ) : (
        <Badge tone="warning">{t('lessons.status.notConfirmed')}</Badge>
      )}
      {lesson.isSubstitute && <Badge tone="info">{t('lessons.status.substitute')}</Badge>}
    </span>
  );
}
