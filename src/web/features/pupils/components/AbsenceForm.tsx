import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ABSENCE_KINDS, type RegisterAbsenceRequest } from '@shared/schemas/pupils';
import { api } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { DEFAULT_REASON, REASON_CODE_LIST, reasonFallbackLabel, type AbsenceKind } from '../reasons';

interface FormState {
  kind: AbsenceKind;
  fromDate: string;
  toDate: string;
  fromTime: string;
  toTime: string;
  reasonCode: string;
  comment: string;
}

const emptyForm = (today: string, kind: AbsenceKind = 'guardianReport'): FormState => ({
  kind,
  fromDate: today,
  toDate: today,
  fromTime: '',
  toTime: '',
  reasonCode: DEFAULT_REASON[kind],
  comment: '',
});

/** Date and time problems found before sending, as i18n keys (also used by the guardian portal). */
export function formProblem(form: Pick<FormState, 'fromDate' | 'toDate' | 'fromTime' | 'toTime'>): string | null {
  if (!form.fromDate || !form.toDate) return 'absenceForm.problems.dates';
  if (form.toDate < form.fromDate) return 'absenceForm.problems.order';
  if (form.fromDate === form.toDate && form.fromTime && form.toTime && form.toTime <= form.fromTime)
    return 'absenceForm.problems.times';
  return null;
}

function toRequest(form: FormState): RegisterAbsenceRequest {
  const body: RegisterAbsenceRequest = { kind: form.kind, fromDate: form.fromDate, toDate: form.toDate };
  if (form.fromTime) body.fromTime = form.fromTime;
  if (form.toTime) body.toTime = form.toTime;
  if (form.reasonCode) body.reasonCode = form.reasonCode;
  if (form.comment.trim()) body.comment = form.comment.trim();
  return body;
}

/**
 * "Registrera frånvaroanmälan / ledighet": a guardian's report, granted leave or a staff-registered
 * valid reason, for whole days or part of a day.
 */
export function AbsenceForm({
  pupilId,
  today,
  onSaved,
}: {
  pupilId: string;
  today: string;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(() => emptyForm(today));
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = formProblem(form);
    setProblem(found);
    setError(null);
    if (found) return;
    setIsSaving(true);
    try {
      await api.registerAbsence(pupilId, toRequest(form));
      setForm(emptyForm(today, form.kind));
      onSaved(t('absenceForm.saved'));
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form
      className="form card"
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-labelledby="absence-form-heading"
    >
      <h3 id="absence-form-heading">{t('absenceForm.heading')}</h3>
      {problem && (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor="absence-kind">{t('absenceForm.kind')}</label>
        <select
          id="absence-kind"
          value={form.kind}
          onChange={(event) => {
            const kind = event.target.value as AbsenceKind;
            setForm((current) => ({ ...current, kind, reasonCode: DEFAULT_REASON[kind] }));
          }}
        >
          {ABSENCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`absences.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="absence-from-date">{t('absenceForm.fromDate')}</label>
          <input
            id="absence-from-date"
            type="date"
            required
            value={form.fromDate}
            onChange={(event) => set('fromDate', event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="absence-from-time">{t('absenceForm.fromTime')}</label>
          <input
            id="absence-from-time"
            type="time"
            value={form.fromTime}
            aria-describedby="absence-times-hint"
            onChange={(event) => set('fromTime', event.target.value)}
          />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="absence-to-date">{t('absenceForm.toDate')}</label>
          <input
            id="absence-to-date"
            type="date"
            required
            value={form.toDate}
            min={form.fromDate || undefined}
            onChange={(event) => set('toDate', event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="absence-to-time">{t('absenceForm.toTime')}</label>
          <input
            id="absence-to-time"
            type="time"
            value={form.toTime}
            aria-describedby="absence-times-hint"
            onChange={(event) => set('toTime', event.target.value)}
          />
        </div>
      </div>
      <p id="absence-times-hint" className="hint">
        {t('absenceForm.timesHint')}
      </p>
      <div className="field">
        <label htmlFor="absence-reason">{t('absenceForm.reason')}</label>
        <select id="absence-reason" value={form.reasonCode} onChange={(event) => set('reasonCode', event.target.value)}>
          {REASON_CODE_LIST.map((code) => (
            <option key={code} value={code}>
              {t(`reasons.${code}`, { defaultValue: reasonFallbackLabel(code) })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="absence-comment">{t('absenceForm.comment')}</label>
        <textarea
          id="absence-comment"
          rows={3}
          maxLength={500}
          value={form.comment}
          aria-describedby="absence-comment-hint"
          onChange={(event) => set('comment', event.target.value)}
        />
        <p id="absence-comment-hint" className="hint">
          {t('absenceForm.commentHint')}
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={isSaving}>
        {isSaving ? t('absenceForm.saving') : t('absenceForm.submit')}
      </button>
    </form>
  );
}
