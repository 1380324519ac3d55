import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PupilLadderResponse } from '@shared/schemas/ladders';
import { api } from '../../../api/endpoints';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { Badge } from '../../../components/Badge';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { LiveStatus } from '../../../components/LiveStatus';
import { formatShortDate } from '../../../lib/format';
import { stepLabel } from '../../ladders/ladderText';
import { TaskList } from '../../tasks/components/TaskList';

type LadderState = NonNullable<PupilLadderResponse['state']>;
type Change = PupilLadderResponse['changes'][number] & { key: number };

/** Minimum length of a decision's reason (the server's rule). */
const MIN_REASON = 3;

/** The current step, why (one sentence with numbers), since when and under which ladder version. */
function CurrentStep({ state }: { state: LadderState }) {
  const { t, i18n } = useTranslation();
  const stepCount = state.steps.length;
  return (
    <div className={`card ladder-state ladder-state-${Math.min(state.stepIndex, 4)}`}>
      <p className="ladder-state-step">
        {state.stepIndex > 0
          ? t('pupilLadder.onStep', { number: state.stepIndex, total: stepCount, name: state.stepName ?? '' })
          : t('pupilLadder.noStep')}
      </p>
      <p className="ladder-state-why">{state.explanation}</p>
      <p className="muted">
        {[
          state.since && state.stepIndex > 0
            ? t('pupilLadder.since', { date: formatShortDate(state.since, i18n.language) })
            : null,
          t('pupilLadder.version', { name: state.ladderName, version: state.ladderVersion }),
          t('pupilLadder.evaluated', { date: formatShortDate(state.evaluationDate, i18n.language) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <ol className="ladder-stepper" aria-label={t('pupilLadder.stepsLabel')}>
        {state.steps.map((step) => (
          <li
            key={step.key}
            aria-current={step.index === state.stepIndex ? 'step' : undefined}
            className={
              step.index === state.stepIndex ? 'is-current' : step.index < state.stepIndex ? 'is-passed' : undefined
            }
          >
            <span className="ladder-stepper-number">{step.index}</span> {step.name}
            {step.index === state.stepIndex && (
              <span className="visually-hidden"> {t('pupilLadder.currentMarker')}</span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The step changes, newest first, with how (figures, staff decision, de-escalation) and why. */
function ChangeHistory({ changes, steps }: { changes: PupilLadderResponse['changes']; steps: LadderState['steps'] }) {
  const { t, i18n } = useTranslation();
  const name = (index: number) => stepLabel(t, index, steps.find((s) => s.index === index)?.name);
  const columns: Column<Change>[] = [
    {
      id: 'date',
      header: t('pupilLadder.history.date'),
      isRowHeader: true,
      cell: (c) => formatShortDate(c.date, i18n.language),
    },
    {
      id: 'change',
      header: t('pupilLadder.history.change'),
      cell: (c) => t('pupilLadder.history.fromTo', { from: name(c.fromStep), to: name(c.toStep) }),
    },
    {
      id: 'by',
      header: t('pupilLadder.history.by'),
      cell: (c) =>
        c.by === 'staff' && c.decidedBy
          ? t('pupilLadder.history.byStaff', { name: c.decidedBy })
          : c.by === 'staffClose' && c.decidedBy
            ? t('pupilLadder.history.closedBy', { name: c.decidedBy })
            : t(`pupilLadder.history.byKinds.${c.by}`, { defaultValue: t('pupilLadder.history.byKinds.other') }),
    },
    {
      id: 'why',
      header: t('pupilLadder.history.why'),
      cell: (c) => (c.reason ? t('pupilLadder.history.reason', { reason: c.reason }) : c.explanation),
    },
  ];
  const rows = changes.map((change, key) => ({ ...change, key }));
  return (
    <DataTable
      caption={t('pupilLadder.history.caption')}
      isCaptionHidden
      columns={columns}
      rows={rows}
      rowKey={(c) => String(c.key)}
      emptyText={t('pupilLadder.history.empty')}
    />
  );
}

/** "Markera oro" with an optional note, or the flag that is set with "Ta bort markeringen". */
function ConcernFlag({
  pupilId,
  flag,
  canChange,
  onChanged,
}: {
  pupilId: string;
  flag: PupilLadderResponse['concernFlag'];
  canChange: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: () => Promise<void>, message: string) => {
    setIsSaving(true);
    setError(null);
    try {
      await action();
      setNote('');
      onChanged(message);
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  if (flag) {
    return (
      <div className="concern-flag">
        <p>
          <Badge tone="warning">{t('pupilLadder.concern.isSet')}</Badge>{' '}
          {t('pupilLadder.concern.setOn', { date: formatShortDate(flag.setOn, i18n.language) })}
          {flag.note && <> {t('pupilLadder.concern.note', { note: flag.note })}</>}
        </p>
        {error !== null && <ErrorMessage error={error} />}
        {canChange && (
          <button
            type="button"
            className="button button-secondary"
            disabled={isSaving}
            onClick={() => void run(() => api.clearConcernFlag(pupilId), t('pupilLadder.concern.cleared'))}
          >
            {t('pupilLadder.concern.clear')}
          </button>
        )}
      </div>
    );
  }
  if (!canChange) return <p>{t('pupilLadder.concern.none')}</p>;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api.setConcernFlag(pupilId, note.trim() || undefined), t('pupilLadder.concern.saved'));
  };
  return (
    <form className="form" onSubmit={handleSubmit} aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`}>{t('pupilLadder.concern.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('pupilLadder.concern.noteLabel')}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {t('pupilLadder.concern.noteHint')}
        </p>
      </div>
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button-secondary" disabled={isSaving}>
        {t('pupilLadder.concern.set')}
      </button>
    </form>
  );
}

/**
 * A form whose action needs a reason (a step decision, closing a step): checks the reason's length
 * before sending, passes the trimmed reason to the action and keeps the action's error.
 */
function useReasonedSubmit(reasonRequiredKey: string) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent, action: (reason: string) => Promise<void>) => {
    event.preventDefault();
    setError(null);
    if (reason.trim().length < MIN_REASON) {
      setProblem(t(reasonRequiredKey, { count: MIN_REASON }));
      return;
    }
    setProblem(null);
    setIsSaving(true);
    try {
      await action(reason.trim());
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };
  const reset = () => {
    setReason('');
    setProblem(null);
    setError(null);
  };
  return { reason, setReason, problem, error, isSaving, submit, reset };
}

/** The reason textarea of a useReasonedSubmit form, with its hint and its problem. */
function ReasonField({ id, label, form }: { id: string; label: string; form: ReturnType<typeof useReasonedSubmit> }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${id}-reason`}>{label}</label>
      <textarea
        id={`${id}-reason`}
        rows={3}
        maxLength={1000}
        required
        value={form.reason}
        onChange={(event) => form.setReason(event.target.value)}
        aria-invalid={form.problem ? true : undefined}
        aria-describedby={`${id}-reason-hint${form.problem ? ` ${id}-reason-error` : ''}`}
      />
      <p id={`${id}-reason-hint`} className="hint">
        {t('pupilLadder.decision.reasonHint')}
      </p>
      {form.problem && (
        <p id={`${id}-reason-error`} className="field-error" role="alert">
          {form.problem}
        </p>
      )}
    </div>
  );
}

/** "Ändra steg": a staff decision moving the pupil to a step (0 = off the ladder); a reason is required. */
function StepDecision({
  pupilId,
  state,
  onChanged,
}: {
  pupilId: string;
  state: LadderState;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [stepIndex, setStepIndex] = useState(String(state.stepIndex));
  const form = useReasonedSubmit('pupilLadder.decision.reasonRequired');
  const options = [
    { index: 0, name: null as string | null },
    ...state.steps.map((s) => ({ index: s.index, name: s.name })),
  ];

  const handleSubmit = (event: FormEvent) =>
    form.submit(event, async (reason) => {
      const target = Number(stepIndex);
      await api.decideLadderStep(pupilId, { stepIndex: target, reason });
      form.reset();
      onChanged(
        t('pupilLadder.decision.saved', { step: stepLabel(t, target, options.find((o) => o.index === target)?.name) }),
      );
    });

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('pupilLadder.decision.heading')}</h3>
      <p className="hint">{t('pupilLadder.decision.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-step`}>{t('pupilLadder.decision.step')}</label>
        <select id={`${id}-step`} value={stepIndex} onChange={(event) => setStepIndex(event.target.value)}>
          {options.map((option) => (
            <option key={option.index} value={option.index}>
              {stepLabel(t, option.index, option.name)}
            </option>
          ))}
        </select>
      </div>
      <ReasonField id={id} label={t('pupilLadder.decision.reason')} form={form} />
      {form.error !== null && <ErrorMessage error={form.error} />}
      <button type="submit" className="button button-secondary" disabled={form.isSaving}>
        {form.isSaving ? t('pupilLadder.decision.saving') : t('pupilLadder.decision.submit')}
      </button>
    </form>
  );
}

/**
 * "Avsluta steg": rektor or elevhälsa close the pupil's step with a reason, in a modal dialog
 * (native <dialog>: focus stays inside, Escape cancels, focus returns to the button). The step
 * ends today and stays closed until the pupil newly qualifies on data after today.
 */
function CloseStep({
  pupilId,
  state,
  onChanged,
}: {
  pupilId: string;
  state: LadderState;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const form = useReasonedSubmit('pupilLadder.close.reasonRequired');
  const step = stepLabel(t, state.stepIndex, state.stepName);

  const handleOpen = () => {
    form.reset();
    dialogRef.current?.showModal();
  };
  const handleSubmit = (event: FormEvent) =>
    form.submit(event, async (reason) => {
      await api.closeLadderStep(pupilId, reason);
      dialogRef.current?.close();
      onChanged(t('pupilLadder.close.saved', { step }));
    });

  return (
    <>
      <h3>{t('pupilLadder.close.heading')}</h3>
      <p className="hint">{t('pupilLadder.close.hint')}</p>
      <button ref={openerRef} type="button" className="button button-secondary" onClick={handleOpen}>
        {t('pupilLadder.close.open')}
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-intro`}
        onClose={() => openerRef.current?.focus()}
      >
        <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate>
          <h2 id={`${id}-title`}>{t('pupilLadder.close.title', { step })}</h2>
          <p id={`${id}-intro`}>{t('pupilLadder.close.intro')}</p>
          <ReasonField id={id} label={t('pupilLadder.close.reason')} form={form} />
          {form.error !== null && <ErrorMessage error={form.error} />}
          <div className="dialog-actions">
            <button type="submit" className="button" disabled={form.isSaving}>
              {form.isSaving ? t('pupilLadder.decision.saving') : t('pupilLadder.close.submit')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
              {t('pupilLadder.close.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/**
 * The pupil page's "Närvarotrappa" section: where the pupil is and why, the steps, the history
 * of changes, the concern flag, "Ändra steg" and the pupil's tasks.
 */
export function PupilLadder({ pupilId }: { pupilId: string }) {
  const { t } = useTranslation();
  const query = useApiQuery<PupilLadderResponse>(api.pupilLadderPath(pupilId));
  const [status, setStatus] = useState('');
  const tasksHeadingRef = useRef<HTMLHeadingElement>(null);
  const data = query.data;
  const canDecide = data?.abilities.canDecide ?? false;

  const handleChanged = (message: string) => {
    setStatus(message);
    query.reload();
  };

  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!data)
    return (
      <>
        <LiveStatus message={status} />
        <Loading />
      </>
    );
  const openTasks = data.tasks.filter((task) => task.status === 'open');
  const doneTasks = data.tasks.filter((task) => task.status !== 'open');
  return (
    <div className="pupil-ladder" aria-busy={query.isLoading}>
      <LiveStatus message={status} />
      {data.state ? <CurrentStep state={data.state} /> : <p className="card">{t('pupilLadder.noLadder')}</p>}

      <div className="ladder-actions">
        <div className="card">
          <h3>{t('pupilLadder.concern.heading')}</h3>
          <ConcernFlag pupilId={pupilId} flag={data.concernFlag} canChange={canDecide} onChanged={handleChanged} />
        </div>
        {data.state && data.state.stepIndex > 0 && data.abilities.canCloseStep && (
          <div className="card">
            <CloseStep pupilId={pupilId} state={data.state} onChanged={handleChanged} />
          </div>
        )}
        {data.state && canDecide && (
          <div className="card">
            <StepDecision
              key={`${data.state.stepIndex}-${data.changes.length}`}
              pupilId={pupilId}
              state={data.state}
              onChanged={handleChanged}
            />
          </div>
        )}
      </div>

      <h3 ref={tasksHeadingRef} tabIndex={-1}>
        {t('pupilLadder.tasksHeading', { count: openTasks.length })}
      </h3>
      <TaskList
        tasks={openTasks}
        showPupil={false}
        titleLevel={4}
        emptyText={t('pupilLadder.noTasks')}
        onCompleted={(task) => {
          handleChanged(t('tasks.completed', { title: task.title, pupil: task.pupilName }));
          requestAnimationFrame(() => tasksHeadingRef.current?.focus());
        }}
        onReassigned={(task, name) => {
          handleChanged(t('tasks.reassigned', { title: task.title, pupil: task.pupilName, name }));
          requestAnimationFrame(() => tasksHeadingRef.current?.focus());
        }}
      />
      {doneTasks.length > 0 && (
        <details className="disclosure">
          <summary>{t('pupilLadder.doneTasks', { count: doneTasks.length })}</summary>
          <TaskList
            tasks={doneTasks}
            showPupil={false}
            titleLevel={4}
            emptyText=""
            onCompleted={() => query.reload()}
          />
        </details>
      )}

      <h3>{t('pupilLadder.history.heading')}</h3>
      <ChangeHistory changes={data.changes} steps={data.state?.steps ?? []} />
    </div>
  );
}
