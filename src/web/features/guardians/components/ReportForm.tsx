import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_REPORT_REASONS, type ChangeReportRequest } from '@shared/schemas/guardians';
import type { GuardianOverview } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formProblem } from '../../pupils/components/AbsenceForm';
import { earliestReportDate } from '../overview';

type ReasonCode = (typeof GUARDIAN_REPORT_REASONS)[number];

/** The fields of a report (the children are chosen separately when reporting, fixed when changing). */
export interface ReportFields {
  fromDate: string;
  toDate: string;
  isPartOfDay: boolean;
  fromTime: string;
  toTime: string;
  reasonCode: ReasonCode;
  comment: string;
}

export const emptyReport = (today: string): ReportFields => ({
  fromDate: today,
  toDate: today,
  isPartOfDay: false,
  fromTime: '',
  toTime: '',
  reasonCode: 'reported',
  comment: '',
});

function toRequest(fields: ReportFields): ChangeReportRequest {
  const body: ChangeReportRequest = { fromDate: fields.fromDate, toDate: fields.toDate, reasonCode: fields.reasonCode };
  if (fields.isPartOfDay && fields.fromTime) body.fromTime = fields.fromTime;
  if (fields.isPartOfDay && fields.toTime) body.toTime = fields.toTime;
  if (fields.comment.trim()) body.comment = fields.comment.trim();
  return body;
}

interface ReportFormProps {
  overview: GuardianOverview;
  initial: ReportFields;
  /** Report: the children to choose from; change: null (the report's child stays). */
  withChildren: boolean;
  submitLabel: string;
  onSubmit: (body: ChangeReportRequest, pupilIds: string[]) => Promise<void>;
  onCancel?: () => void;
}

/**
 * Anmäl frånvaro: one or several children, today or coming days, whole days or part of a day,
 * and an optional comment that must not hold health details.
 */
export function ReportForm({ overview, initial, withChildren, submitLabel, onSubmit, onCancel }: ReportFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState<ReportFields>(initial);
  const [pupilIds, setPupilIds] = useState<string[]>(() =>
    overview.children.length === 1 ? [overview.children[0].personId] : [],
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = <K extends keyof ReportFields>(key: K, value: ReportFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));
  const earliest = earliestReportDate(overview);

  const findProblem = () =>
    withChildren && pupilIds.length === 0
      ? 'guardianPortal.report.problems.children'
      : fields.isPartOfDay && (!fields.fromTime || !fields.toTime)
        ? 'guardianPortal.report.problems.times'
        : formProblem({
            ...fields,
            fromTime: fields.isPartOfDay ? fields.fromTime : '',
            toTime: fields.isPartOfDay ? fields.toTime : '',
          });
  // A problem shown after a send stays only while it is still true (no stale "Ange både från- och till-datum.").
  const shownProblem = problem ? findProblem() : null;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = findProblem();
    setProblem(found);
    setError(null);
    if (found) return;
    setIsSaving(true);
    try {
      await onSubmit(toRequest(fields), pupilIds);
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label={submitLabel}>
      {shownProblem && (
        <p className="field-error" role="alert">
          {t(shownProblem)}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {withChildren && (
        <fieldset>
          <legend>{t('guardianPortal.report.children')}</legend>
          {overview.children.map((child) => (
            <div key={child.personId} className="field field-checkbox">
              <input
                id={`${id}-child-${child.personId}`}
                type="checkbox"
                checked={pupilIds.includes(child.personId)}
                onChange={(event) =>
                  setPupilIds((current) =>
                    event.target.checked ? [...current, child.personId] : current.filter((p) => p !== child.personId),
                  )
                }
              />
              <label htmlFor={`${id}-child-${child.personId}`}>
                {child.givenName} {child.familyName}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('guardianPortal.report.fromDate')}</label>
          <input
            id={`${id}-from`}
            type="date"
            min={earliest}
            value={fields.fromDate}
            required
            onChange={(event) =>
              setFields((current) => ({
                ...current,
                fromDate: event.target.value,
                toDate: current.toDate < event.target.value ? event.target.value : current.toDate,
              }))
            }
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('guardianPortal.report.toDate')}</label>
          <input
            id={`${id}-to`}
            type="date"
            min={fields.fromDate || earliest}
            value={fields.toDate}
            required
            onChange={(event) => set('toDate', event.target.value)}
          />
        </div>
      </div>
      <fieldset>
        <legend>{t('guardianPortal.report.extent')}</legend>
        <div className="field field-checkbox">
          <input
            id={`${id}-whole`}
            type="radio"
            name={`${id}-extent`}
            checked={!fields.isPartOfDay}
            onChange={() => set('isPartOfDay', false)}
          />
          <label htmlFor={`${id}-whole`}>{t('guardianPortal.report.wholeDay')}</label>
        </div>
        <div className="field field-checkbox">
          <input
            id={`${id}-part`}
            type="radio"
            name={`${id}-extent`}
            checked={fields.isPartOfDay}
            onChange={() => set('isPartOfDay', true)}
          />
          <label htmlFor={`${id}-part`}>{t('guardianPortal.report.partOfDay')}</label>
        </div>
      </fieldset>
      {fields.isPartOfDay && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-from-time`}>{t('guardianPortal.report.fromTime')}</label>
            <input
              id={`${id}-from-time`}
              type="time"
              value={fields.fromTime}
              onChange={(event) => set('fromTime', event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to-time`}>{t('guardianPortal.report.toTime')}</label>
            <input
              id={`${id}-to-time`}
              type="time"
              value={fields.toTime}
              onChange={(event) => set('toTime', event.target.value)}
            />
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('guardianPortal.report.reason')}</label>
        <select
          id={`${id}-reason`}
          value={fields.reasonCode}
          onChange={(event) => set('reasonCode', event.target.value as ReasonCode)}
        >
          {GUARDIAN_REPORT_REASONS.map((code) => (
            <option key={code} value={code}>
              {t(`guardianPortal.reasons.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('guardianPortal.report.comment')}</label>
        <p id={`${id}-comment-hint`} className="message message-info">
          {t('guardianPortal.report.commentHint')}
        </p>
        <textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={300}
          value={fields.comment}
          aria-describedby={`${id}-comment-hint`}
          onChange={(event) => set('comment', event.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {isSaving ? t('guardianPortal.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('guardianPortal.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
