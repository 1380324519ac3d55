import { useParams, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type LessonDetail } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LessonHeader } from '../features/lessons/components/LessonHeader';
import { RegisterForm } from '../features/lessons/components/RegisterForm';
import { LessonHistory } from '../features/lessons/components/LessonHistory';
import { groupsNotInName } from '../features/lessons/lessonText';

/** "Registrera Matematik 7A" — the groups are added only when the activity name does not already say them. */
function useLessonTitle() {
  const { t } = useTranslation();
  return ({ lesson }: LessonDetail) => {
    const missing = groupsNotInName(lesson);
    return missing.length === 0
      ? t('register.titleActivity', { activity: lesson.activityName })
      : t('register.title', { activity: lesson.activityName, groups: missing.join(', ') });
  };
}

/** Registrera lektion: the roster to register and confirm, and the change history. */
export default function LessonRoute() {
  const { t } = useTranslation();
  const { lessonId = '' } = useParams();
  const query = useApiQuery<LessonDetail>(api.lessonPath(lessonId));
  const lessonTitle = useLessonTitle();
  const detail = query.data;
  const title = detail ? lessonTitle(detail) : t('register.titleLoading');

  return (
    <Page title={title}>
      <p className="back-link">
        <Link to={detail && detail.lesson.date ? `/?date=${detail.lesson.date}` : '/'}>
          <span aria-hidden="true">‹ </span>
          {t('register.back')}
        </Link>
      </p>
      {query.error && !detail ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !detail ? (
        <Loading />
      ) : (
        <>
          <LessonHeader detail={detail} />
          <section aria-labelledby="roster-heading">
            <h2 id="roster-heading">{t('register.rosterHeading', { count: detail.roster.length })}</h2>
            <RegisterForm detail={detail} onSaved={query.setData} />
          </section>
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('register.history.heading')}</h2>
            {/* A save changes the first page: older pages loaded before it start over. */}
            <LessonHistory key={`${detail.historyTotal} ${detail.historyCursor}`} detail={detail} />
          </section>
        </>
      )}
    </Page>
  );
}
