import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonDetail } from '@shared/schemas/lessons';
import { api } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { LiveStatus } from '../../../components/LiveStatus';
import { useAuth } from '../../../auth/AuthContext';
import {
  countKinds,
  draftProblems,
  hasUnsavedChanges,
  initialDrafts,
  lessonHasStarted,
  toMarkInputs,
  type DraftMark,
  type DraftProblem,
  type Drafts,
} from '../draft';
import { forgetDraft, keepDraft, readKeptDraft, stockholmNow } from '../keptDraft';
import { RosterRow } from './RosterRow';

interface RegisterFormProps {
  detail: LessonDetail;
  /** Called with the server's answer after a successful registration. */
  onSaved: (detail: LessonDetail) => void;
}

/** "3 frånvarande · 1 sen · 20 närvarande" for the save bar. */
function SaveSummary({ drafts }: { drafts: Drafts }) {
  const { t } = useTranslation();
  const counts = countKinds(drafts);
  const parts = (['absent', 'late', 'left', 'other', 'imported', 'present'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => t(`register.summary.${kind}`, { count: counts[kind] }));
  return <p className="save-summary">{parts.join(' · ')}</p>;
}

/**
 * The roster with quick buttons and the sticky save bar. One press on "Klarmarkera (kvittera)"
 * registers and confirms; pupils left as present are not sent. The result is announced in a
 * live region; problems (missing minutes) are listed and focus moves to the first one.
 * Unsaved marks are kept for this tab and offered again on return; closing the page warns.
 * Confirming a lesson that has not started asks once more.
 */
export function RegisterForm({ detail, onSaved }: RegisterFormProps) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const [keptDraft] = useState(() => readKeptDraft(detail));
  const [drafts, setDrafts] = useState<Drafts>(() => keptDraft ?? initialDrafts(detail));
  const [isRestored, setIsRestored] = useState(keptDraft !== null);
  const [isEarlyWarningShown, setIsEarlyWarningShown] = useState(false);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const isReadOnly = detail.access === 'read' || detail.lesson.isCancelled;
  // Confirming (kvittens) is the lesson's own teacher's act; anyone else saves a correction.
  const isCorrection = detail.lesson.isConfirmed || detail.access === 'correct';

  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const isDirty = !isReadOnly && hasUnsavedChanges(drafts, detail);
  useEffect(() => {
    if (!isReadOnly) keepDraft(detail, drafts);
  }, [detail, drafts, isReadOnly]);
  useEffect(() => {
    if (!isDirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const startOver = () => {
    forgetDraft(detail.lesson.id);
    setDrafts(initialDrafts(detail));
    setIsRestored(false);
    setProblems([]);
  };

  const isEarly = () => {
    const now = stockholmNow();
    return !isCorrection && !lessonHasStarted(detail.lesson, me?.today ?? now.date, now.date, now.time);
  };

  const handleChange = (personId: string, draft: DraftMark) => {
    setDrafts((current) => ({ ...current, [personId]: draft }));
    setStatus('');
    if (problems.length > 0) setProblems(draftProblems({ ...drafts, [personId]: draft }, detail.roster));
  };

  const handleSubmit = async (event: FormEvent, isEarlyConfirmed = false) => {
    event.preventDefault();
    const found = draftProblems(drafts, detail.roster);
    setProblems(found);
    setError(null);
    setStatus('');
    if (found.length > 0) {
      setFocusRequest((n) => n + 1);
      return;
    }
    if (!isEarlyConfirmed && isEarly()) {
      setIsEarlyWarningShown(true);
      return;
    }
    setIsEarlyWarningShown(false);
    setIsSaving(true);
    try {
      const saved = await api.registerLesson(detail.lesson.id, { marks: toMarkInputs(drafts, detail.roster) });
      forgetDraft(detail.lesson.id);
      setIsRestored(false);
      setDrafts(initialDrafts(saved));
      onSaved(saved);
      setStatus(isCorrection ? t('register.savedCorrection') : t('register.saved'));
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  const problemOf = (personId: string) => problems.find((p) => p.personId === personId)?.problem;

  return (
    <form ref={formRef} onSubmit={(event) => void handleSubmit(event)} noValidate aria-label={t('register.formLabel')}>
      {isRestored && (
        <div className="message message-info">
          <p>{t('register.restored')}</p>
          <button type="button" className="button" onClick={startOver}>
            {t('register.startOver')}
          </button>
        </div>
      )}
      {!isReadOnly && detail.roster.some((entry) => !entry.canChange) && (
        <p className="message message-info">{t('register.someLocked')}</p>
      )}
      {detail.roster.length === 0 ? (
        <p>{t('register.noPupils')}</p>
      ) : (
        <ul className="roster">
          {detail.roster.map((entry) => (
            <RosterRow
              key={entry.personId}
              entry={entry}
              draft={drafts[entry.personId]}
              problem={problemOf(entry.personId)}
              isReadOnly={isReadOnly}
              onChange={(draft) => handleChange(entry.personId, draft)}
            />
          ))}
        </ul>
      )}
      {!isReadOnly && (
        <div className="save-bar">
          {problems.length > 0 && (
            <p className="field-error" role="alert">
              {t('register.problems.summary', { count: problems.length })}
            </p>
          )}
          {error !== null && <ErrorMessage error={error} />}
          {isEarlyWarningShown && (
            <div className="message message-warning" role="alert">
              <p>{t('register.notStarted', { time: detail.lesson.startTime })}</p>
              <button
                type="button"
                className="button button-primary"
                onClick={(event) => void handleSubmit(event, true)}
              >
                {t('register.confirmAnyway')}
              </button>{' '}
              <button type="button" className="button" onClick={() => setIsEarlyWarningShown(false)}>
                {t('register.cancel')}
              </button>
            </div>
          )}
          {isDirty && <p className="hint">{t('register.unsaved')}</p>}
          <SaveSummary drafts={drafts} />
          <button type="submit" className="button button-primary button-large" disabled={isSaving}>
            {isSaving ? t('register.saving') : isCorrection ? t('register.saveCorrection') : t('register.confirm')}
          </button>
        </div>
      )}
      <LiveStatus message={status} />
    </form>
  );
}
