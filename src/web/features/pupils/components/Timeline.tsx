import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';
import { formatLongDate } from '../../../lib/format';

type TimelineLesson = PupilPage['timeline'][number];

/** Days shown before "Visa fler dagar". */
const DAYS_PER_STEP = 10;

/** The state of one lesson in words ("Frånvarande, ogiltig", "Sen 10 min"); colour only repeats it. */
function useStateText() {
  const { t } = useTranslation();
  return (lesson: TimelineLesson): string => {
    const absentMinutes = lesson.valid + lesson.invalid;
    const base =
      lesson.state === 'late' || lesson.state === 'left' || lesson.state === 'partial'
        ? t(`timeline.states.${lesson.state}Minutes`, {
            minutes: lesson.state === 'late' && lesson.lateMinutes > 0 ? lesson.lateMinutes : absentMinutes,
          })
        : t(`timeline.states.${lesson.state}`, { defaultValue: lesson.state });
    if (lesson.state !== 'absent' && lesson.state !== 'partial') return base;
    if (lesson.valid > 0 && lesson.invalid === 0) return `${base}, ${t('timeline.validSuffix')}`;
    if (lesson.invalid > 0 && lesson.valid === 0) return `${base}, ${t('timeline.invalidSuffix')}`;
    return base;
  };
}

/** One school day: its lessons with time, activity and state, and the day's absent minutes. */
function TimelineDay({ date, lessons }: { date: string; lessons: TimelineLesson[] }) {
  const { t, i18n } = useTranslation();
  const stateText = useStateText();
  const scheduled = lessons.reduce((sum, l) => sum + l.scheduled, 0);
  const absent = lessons.reduce((sum, l) => sum + l.valid + l.invalid, 0);
  return (
    <li className="timeline-day" data-date={date}>
      <h3>{formatLongDate(date, i18n.language)}</h3>
      <p className="muted">{t('timeline.daySummary', { absent, scheduled })}</p>
      <ul className="timeline-lessons">
        {lessons.map((lesson) => (
          <li key={lesson.lessonId} className={`timeline-lesson state-${lesson.state}`}>
            <span className="timeline-time">
              {t('lessons.timeRange', { start: lesson.startTime, end: lesson.endTime })}
            </span>
            <span className="timeline-activity">{lesson.activityName}</span>
            <span className="timeline-state">{stateText(lesson)}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The pupil's lessons per day, newest day first, a few days at a time. */
export function Timeline({ timeline }: { timeline: PupilPage['timeline'] }) {
  const { t } = useTranslation();
  const [shownDays, setShownDays] = useState(DAYS_PER_STEP);
  const days = useMemo(() => {
    const byDate = new Map<string, TimelineLesson[]>();
    for (const lesson of timeline) byDate.set(lesson.date, [...(byDate.get(lesson.date) ?? []), lesson]);
    return [...byDate.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([date, lessons]) => ({ date, lessons: lessons.sort((a, b) => a.startTime.localeCompare(b.startTime)) }));
  }, [timeline]);

  if (days.length === 0) return <p>{t('timeline.empty')}</p>;
  return (
    <>
      <ol className="timeline">
        {days.slice(0, shownDays).map((day) => (
          <TimelineDay key={day.date} date={day.date} lessons={day.lessons} />
        ))}
      </ol>
      {shownDays < days.length && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setShownDays((n) => n + DAYS_PER_STEP)}
        >
          {t('timeline.showMore', { count: Math.min(DAYS_PER_STEP, days.length - shownDays) })}
        </button>
      )}
    </>
  );
}
