import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type MyLessonsResponse, type UnconfirmedLessonsResponse } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { DayPicker } from '../features/lessons/components/DayPicker';
import { LessonList } from '../features/lessons/components/LessonList';
import { formatLongDate } from '../lib/format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Ej klarmarkerade lektioner: below today's list, folded, only while there are any. */
function UnconfirmedLessons() {
  const { t } = useTranslation();
  const query = useApiQuery<UnconfirmedLessonsResponse>(api.myUnconfirmedLessonsPath);
  if (!query.data || query.data.lessons.length === 0) return null;
  return (
    <details className="unconfirmed-lessons">
      <summary>
        <h2>
          {t('lessons.unconfirmed.heading')} ({query.data.lessons.length})
        </h2>
      </summary>
      <p className="hint">{t('lessons.unconfirmed.intro')}</p>
      <LessonList lessons={query.data.lessons} showDate />
    </details>
  );
}

/** Mina lektioner: the teacher's own and substitute lessons of one day (today by default). */
export default function MyLessonsRoute() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const today = me?.today ?? '';
  const requested = params.get('date');
  const date = requested && DATE.test(requested) ? requested : today;
  const query = useApiQuery<MyLessonsResponse>(date ? api.myLessonsPath(date) : null);

  const handleDateChange = (next: string) => setParams(next === today ? {} : { date: next }, { replace: true });
  const title = date === today ? t('lessons.titleToday') : t('lessons.title');

  return (
    <Page title={title}>
      <p className="lead">
        {formatLongDate(date, i18n.language)}
        {date === today && <span className="visually-hidden">{` (${t('lessons.today')})`}</span>}
      </p>
      <DayPicker date={date} today={today} onChange={handleDateChange} />
      <section aria-labelledby="lessons-heading" aria-busy={query.isLoading}>
        <h2 id="lessons-heading" className="visually-hidden">
          {t('lessons.listHeading')}
        </h2>
        {query.error ? (
          <ErrorMessage error={query.error} onRetry={query.reload} />
        ) : query.data && query.data.date === date ? (
          <LessonList lessons={query.data.lessons} />
        ) : (
          <Loading />
        )}
      </section>
      {date === today && <UnconfirmedLessons />}
    </Page>
  );
}
