import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpFigures } from '@shared/schemas/cases';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { formatPercent } from '../../../lib/format';
import { casesApi, type CaseDetail, type Candidates, type Catalogue, type GoalAttainment } from '../api';
import { useSubmit } from '../useSubmit';
import { Field, ScrollTable } from './Section';

type FollowUp = CaseDetail['interventions'][number]['followUps'][number];

function FiguresText({ figures }: { figures: FollowUpFigures | null }) {
  const { t, i18n } = useTranslation();
  if (!figures) return <>–</>;
  const rate = figures.absentRate === null ? t('cases.plan.noData') : formatPercent(figures.absentRate, i18n.language);
  return (
    <>
      {rate}{' '}
      <span className="muted">
        ({figures.from} – {figures.to})
      </span>
    </>
  );
}

/** One follow-up point: planned date, or the recorded assessment beside the computed figures. */
function FollowUpRow({
  caseId,
  followUp,
  startDate,
  today,
  canWork,
  onChanged,
}: {
  caseId: string;
  followUp: FollowUp;
  startDate: string;
  today: string;
  canWork: boolean;
  onChanged: (m: string) => void;
}) {
  const { t } = useTranslation();
  const [assessment, setAssessment] = useState('');
  // Nothing chosen until the user chooses: a preselected answer would be recorded unread.
  const [goal, setGoal] = useState<GoalAttainment | ''>('');
  const id = `follow-up-${followUp.id.slice(0, 8)}`;
  const save = useSubmit(
    () => casesApi.recordFollowUp(caseId, followUp.id, { assessment, goalAttainment: goal as GoalAttainment }),
    () => onChanged(t('cases.plan.followUpSaved')),
  );
  return (
    <tr>
      <th scope="row">{t(`cases.plan.points.${followUp.point}`, { defaultValue: followUp.point })}</th>
      <td>{followUp.plannedOn}</td>
      <td>
        <FiguresText figures={followUp.before} />
      </td>
      <td>
        <FiguresText figures={followUp.since} />
      </td>
      <td>
        {followUp.recordedOn ? (
          <>
            {followUp.recordedOn}: {t(`cases.plan.goal.${followUp.goalAttainment}`)}. {followUp.assessment}
          </>
        ) : canWork && today < startDate ? (
          t('cases.plan.notStarted', { date: startDate })
        ) : canWork ? (
          <form onSubmit={save.onSubmit} aria-label={t('cases.plan.recordLabel', { point: followUp.plannedOn })}>
            {save.error !== null && <ErrorMessage error={save.error} />}
            <Field id={`${id}-assessment`} label={t('cases.plan.assessment')}>
              <textarea
                id={`${id}-assessment`}
                rows={2}
                required
                value={assessment}
                onChange={(e) => setAssessment(e.target.value)}
              />
            </Field>
            <Field id={`${id}-goal`} label={t('cases.plan.goalLabel')}>
              <select
                id={`${id}-goal`}
                required
                value={goal}
                onChange={(e) => setGoal(e.target.value as GoalAttainment)}
              >
                <option value="" disabled>
                  {t('cases.plan.chooseGoal')}
                </option>
                {['yes', 'partly', 'no'].map((g) => (
                  <option key={g} value={g}>
                    {t(`cases.plan.goal.${g}`)}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" className="button button-small button-primary" disabled={save.isSaving || !goal}>
              {t('cases.plan.record')}
            </button>
          </form>
        ) : (
          t('cases.plan.notYet')
        )}
      </td>
    </tr>
  );
}

function AddInterventionForm({
  detail,
  catalogue,
  onChanged,
}: {
  detail: CaseDetail;
  catalogue: Catalogue;
  onChanged: (m: string) => void;
}) {
  const { t } = useTranslation();
  const staff = useApiQuery<Candidates>(casesApi.staffPath(detail.case.id));
  const active = catalogue.interventions.filter((i) => !i.isRetired);
  const [code, setCode] = useState(active[0]?.code ?? '');
  const [responsible, setResponsible] = useState('');
  const [startDate, setStartDate] = useState('');
  const [scheme, setScheme] = useState<'norrkoping' | 'stockholm'>('norrkoping');
  const [goal, setGoal] = useState('');
  const save = useSubmit(
    () =>
      casesApi.addIntervention(detail.case.id, {
        code,
        responsibleUserId: responsible || null,
        startDate,
        followUpScheme: scheme,
        goal,
      }),
    () => onChanged(t('cases.plan.added')),
  );
  return (
    <form className="form card" onSubmit={save.onSubmit} aria-labelledby="add-intervention-heading">
      <h3 id="add-intervention-heading">{t('cases.plan.addHeading')}</h3>
      {save.error !== null && <ErrorMessage error={save.error} />}
      <Field id="intervention-code" label={t('cases.plan.intervention')}>
        <select id="intervention-code" value={code} onChange={(e) => setCode(e.target.value)}>
          {active.map((i) => (
            <option key={i.code} value={i.code}>
              {i.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="intervention-responsible" label={t('cases.plan.responsible')}>
        <select id="intervention-responsible" value={responsible} onChange={(e) => setResponsible(e.target.value)}>
          <option value="">{t('cases.plan.noResponsible')}</option>
          {(staff.data?.users ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="intervention-goal" label={t('cases.plan.goalField')} hint={t('cases.plan.goalHint')}>
        <textarea
          id="intervention-goal"
          rows={2}
          required
          maxLength={1000}
          aria-describedby="intervention-goal-hint"
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
        />
      </Field>
      <Field id="intervention-start" label={t('cases.plan.startDate')}>
        <input
          id="intervention-start"
          type="date"
          required
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
        />
      </Field>
      <Field id="intervention-scheme" label={t('cases.plan.scheme')}>
        <select
          id="intervention-scheme"
          value={scheme}
          onChange={(e) => setScheme(e.target.value as 'norrkoping' | 'stockholm')}
        >
          <option value="norrkoping">{t('cases.plan.schemes.norrkoping')}</option>
          <option value="stockholm">{t('cases.plan.schemes.stockholm')}</option>
        </select>
      </Field>
      <button type="submit" className="button button-primary" disabled={save.isSaving || !startDate || !goal.trim()}>
        {t('cases.plan.add')}
      </button>
    </form>
  );
}

/** Åtgärdsplan: interventions with responsible, start and follow-ups showing computed absence before and since. */
export function ActionPlanSection({
  detail,
  catalogue,
  today,
  onChanged,
}: {
  detail: CaseDetail;
  catalogue: Catalogue | null;
  today: string;
  onChanged: (m: string) => void;
}) {
  const { t } = useTranslation();
  const canWork = detail.abilities.canWork && detail.case.status === 'open';
  return (
    <>
      <p className="hint">{t('cases.plan.intro')}</p>
      {detail.interventions.length === 0 && <p className="empty">{t('cases.plan.none')}</p>}
      {detail.interventions.map((i) => (
        <div key={i.id} className="card">
          <h3>{i.label}</h3>
          <p>{t('cases.plan.meta', { responsible: i.responsibleName ?? '–', start: i.startDate })}</p>
          {i.goal && (
            <p>
              <strong>{t('cases.plan.goalField')}:</strong> {i.goal}
            </p>
          )}
          <ScrollTable caption={t('cases.plan.followUpsCaption', { label: i.label })} isCaptionHidden>
            <thead>
              <tr>
                <th scope="col">{t('cases.plan.point')}</th>
                <th scope="col">{t('cases.plan.planned')}</th>
                <th scope="col">{t('cases.plan.before')}</th>
                <th scope="col">{t('cases.plan.since')}</th>
                <th scope="col">{t('cases.plan.result')}</th>
              </tr>
            </thead>
            <tbody>
              {i.followUps.map((f) => (
                <FollowUpRow
                  key={f.id}
                  caseId={detail.case.id}
                  followUp={f}
                  startDate={i.startDate}
                  today={today}
                  canWork={canWork}
                  onChanged={onChanged}
                />
              ))}
            </tbody>
          </ScrollTable>
        </div>
      ))}
      {canWork && catalogue && <AddInterventionForm detail={detail} catalogue={catalogue} onChanged={onChanged} />}
    </>
  );
}
