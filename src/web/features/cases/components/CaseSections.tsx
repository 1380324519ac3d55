import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAUSE_GIVERS,
  CLOSE_REASONS,
  CONCERN_FEEDBACK_KINDS,
  CONCERN_REASON_CATEGORIES,
  PARTICIPANT_ORGANISATION_TYPES,
} from '@shared/cases/catalogue';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { formatDateTime } from '../../../lib/format';
import {
  casesApi,
  type Candidates,
  type CaseDetail,
  type Catalogue,
  type CloseReason,
  type ConcernFeedbackKind,
  type ConcernReasonCategory,
  type MemberRole,
} from '../api';
import { useSubmit } from '../useSubmit';
import { Field } from './Section';

interface Props {
  detail: CaseDetail;
  onChanged: (message: string) => void;
}
const isWorkable = (d: CaseDetail) => d.abilities.canWork && d.case.status === 'open';

export function MembersSection({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const staff = useApiQuery<Candidates>(isWorkable(detail) ? casesApi.staffPath(detail.case.id) : null);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>('other');
  const save = useSubmit(
    () => casesApi.addMember(detail.case.id, { userId, role }),
    () => onChanged(t('cases.members.added')),
  );
  const candidates = (staff.data?.users ?? []).filter((u) => !detail.members.some((m) => m.userId === u.id));
  return (
    <>
      <ul>
        {detail.members.map((m) => (
          <li key={m.userId}>
            {m.name} ({t(`cases.members.roles.${m.role}`)})
          </li>
        ))}
      </ul>
      {isWorkable(detail) && candidates.length > 0 && (
        <form className="form field-inline" onSubmit={save.onSubmit} aria-label={t('cases.members.addLabel')}>
          {save.error !== null && <ErrorMessage error={save.error} />}
          <Field id="member-user" label={t('cases.members.user')}>
            <select id="member-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('cases.members.choose')}</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="member-role" label={t('cases.members.role')}>
            <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
              {['mentor', 'studentHealth', 'principal', 'other'].map((r) => (
                <option key={r} value={r}>
                  {t(`cases.members.roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="button button-secondary" disabled={!userId || save.isSaving}>
            {t('cases.members.add')}
          </button>
        </form>
      )}
    </>
  );
}

export function InvestigationSection({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const [conclusion, setConclusion] = useState('');
  const open = useSubmit(
    () => casesApi.openInvestigation(detail.case.id),
    () => onChanged(t('cases.investigation.opened')),
  );
  const complete = useSubmit(
    () => casesApi.completeInvestigation(detail.case.id, conclusion),
    () => onChanged(t('cases.investigation.completed')),
  );
  const current = detail.investigations.find((i) => i.completedOn === null);
  const canAct = detail.abilities.canInvestigate && detail.case.status === 'open';
  return (
    <>
      {detail.investigations.length === 0 && <p className="empty">{t('cases.investigation.none')}</p>}
      {detail.investigations.map((i) => (
        <div key={i.id} className="card">
          <p>
            {t('cases.investigation.summary', { opened: i.openedOn, deadline: i.deadline })}{' '}
            {i.isOverdue && <span className="badge badge-danger">{t('cases.investigation.overdue')}</span>}
            {i.completedOn && <> {t('cases.investigation.doneOn', { date: i.completedOn })}</>}
          </p>
          {i.conclusion && (
            <p>
              {t('cases.investigation.conclusion')}: {i.conclusion}
            </p>
          )}
          <ul>
            {i.notices.map((n) => (
              <li key={n.id}>
                {t(`cases.investigation.notice.${n.recipient}`, {
                  code: n.municipalityCode ?? t('cases.investigation.hiddenMunicipality'),
                })}
                : {t(`cases.notices.status.${n.status}`)}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {canAct && !current && (
        <div>
          {open.error !== null && <ErrorMessage error={open.error} />}
          <p className="hint">{t('cases.investigation.openHint')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => open.onSubmit()}
            disabled={open.isSaving}
          >
            {t('cases.investigation.open')}
          </button>
        </div>
      )}
      {canAct && current && (
        <form className="form card" onSubmit={complete.onSubmit} aria-labelledby="investigation-complete-heading">
          <h3 id="investigation-complete-heading">{t('cases.investigation.completeHeading')}</h3>
          {complete.error !== null && <ErrorMessage error={complete.error} />}
          <Field
            id="investigation-conclusion"
            label={t('cases.investigation.conclusion')}
            hint={t('cases.investigation.voiceHint')}
          >
            <textarea
              id="investigation-conclusion"
              rows={3}
              required
              value={conclusion}
              aria-describedby="investigation-conclusion-hint"
              onChange={(e) => setConclusion(e.target.value)}
            />
          </Field>
          <button type="submit" className="button button-primary" disabled={!conclusion.trim() || complete.isSaving}>
            {t('cases.investigation.complete')}
          </button>
        </form>
      )}
    </>
  );
}

export function CausesSection({ detail, catalogue, onChanged }: Props & { catalogue: Catalogue | null }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Record<string, { givenBy: string; comment: string }>>(
    Object.fromEntries(detail.causes.map((c) => [c.code, { givenBy: c.givenBy, comment: c.comment ?? '' }])),
  );
  const [primary, setPrimary] = useState(detail.causes.find((c) => c.isPrimary)?.code ?? '');
  const save = useSubmit(
    () =>
      casesApi.setCauses(detail.case.id, {
        causes: Object.entries(chosen).map(([code, v]) => ({
          code,
          isPrimary: code === primary,
          givenBy: v.givenBy as (typeof CAUSE_GIVERS)[number],
          ...(v.comment.trim() ? { comment: v.comment } : {}),
        })),
      }),
    () => onChanged(t('cases.causes.saved')),
  );
  if (!isWorkable(detail) || !catalogue) {
    return detail.causes.length === 0 ? (
      <p className="empty">{t('cases.causes.none')}</p>
    ) : (
      <ul>
        {detail.causes.map((c) => (
          <li key={c.code}>
            {c.label}
            {c.isPrimary && ` (${t('cases.causes.primary')})`} – {t(`cases.causes.givers.${c.givenBy}`)}
            {c.comment && `: ${c.comment}`}
          </li>
        ))}
      </ul>
    );
  }
  const spheres = [...new Set(catalogue.causes.map((c) => c.sphere))];
  return (
    <form className="form" onSubmit={save.onSubmit} aria-label={t('cases.causes.formLabel')}>
      <p className="hint">{t('cases.causes.intro')}</p>
      {save.error !== null && <ErrorMessage error={save.error} />}
      {spheres.map((sphere) => (
        <fieldset key={sphere}>
          <legend>{t(`cases.causes.spheres.${sphere}`, { defaultValue: sphere })}</legend>
          {catalogue.causes
            .filter((c) => c.sphere === sphere && (!c.isRetired || chosen[c.code]))
            .map((c) => {
              const id = `cause-${c.code.replace(/\W/g, '-')}`;
              const entry = chosen[c.code];
              return (
                <div key={c.code} className="choice">
                  <div className="field-checkbox">
                    <input
                      id={id}
                      type="checkbox"
                      checked={!!entry}
                      onChange={(e) =>
                        setChosen((cur) => {
                          const next = { ...cur };
                          if (e.target.checked) next[c.code] = { givenBy: 'school', comment: '' };
                          else delete next[c.code];
                          return next;
                        })
                      }
                    />
                    <label htmlFor={id}>{c.label}</label>
                  </div>
                  {entry && (
                    <div className="field-row">
                      <div className="field-checkbox">
                        <input
                          id={`${id}-primary`}
                          type="radio"
                          name="primary-cause"
                          checked={primary === c.code}
                          onChange={() => setPrimary(c.code)}
                        />
                        <label htmlFor={`${id}-primary`}>{t('cases.causes.primary')}</label>
                      </div>
                      <Field id={`${id}-giver`} label={t('cases.causes.givenBy')}>
                        <select
                          id={`${id}-giver`}
                          value={entry.givenBy}
                          onChange={(e) =>
                            setChosen((cur) => ({ ...cur, [c.code]: { ...entry, givenBy: e.target.value } }))
                          }
                        >
                          {CAUSE_GIVERS.map((g) => (
                            <option key={g} value={g}>
                              {t(`cases.causes.givers.${g}`)}
                            </option>
                          ))}
                        </select>
                      </Field>
                      <Field id={`${id}-comment`} label={t('cases.causes.comment')}>
                        <input
                          id={`${id}-comment`}
                          type="text"
                          maxLength={1000}
                          value={entry.comment}
                          onChange={(e) =>
                            setChosen((cur) => ({ ...cur, [c.code]: { ...entry, comment: e.target.value } }))
                          }
                        />
                      </Field>
                    </div>
                  )}
                </div>
              );
            })}
        </fieldset>
      ))}
      <button
        type="submit"
        className="button button-primary"
        disabled={save.isSaving || Object.keys(chosen).length === 0}
      >
        {t('cases.causes.save')}
      </button>
    </form>
  );
}

export function ConcernReportsSection({ detail, today, onChanged }: Props & { today: string }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    reportedOn: today,
    socialServicesOffice: '',
    reasonCategory: 'absence' as ConcernReasonCategory,
    actionsTaken: '',
  });
  const save = useSubmit(
    () => casesApi.registerConcernReport(detail.case.id, form),
    () => onChanged(t('cases.concern.saved')),
  );
  const [feedbackKind, setFeedbackKind] = useState<ConcernFeedbackKind>('inquiryOpened');
  const feedback = useSubmit(
    (reportId: string) => casesApi.recordConcernFeedback(detail.case.id, reportId, { feedbackOn: today, feedbackKind }),
    () => onChanged(t('cases.concern.feedbackSaved')),
  );
  return (
    <>
      {feedback.error !== null && <ErrorMessage error={feedback.error} />}
      {detail.concernReports.length === 0 && <p className="empty">{t('cases.concern.none')}</p>}
      {detail.concernReports.map((r) => (
        <div key={r.id} className="card">
          <p>
            {t('cases.concern.summary', {
              date: r.reportedOn,
              office: r.socialServicesOffice ?? '–',
              by: r.reportedByName ?? '–',
              reason: t(`cases.concern.reasons.${r.reasonCategory}`),
            })}
          </p>
          <p>
            {r.feedbackOn ? (
              t('cases.concern.feedback', {
                date: r.feedbackOn,
                kind: t(`cases.concern.feedbackKinds.${r.feedbackKind}`),
              })
            ) : (
              <>
                {t('cases.concern.noFeedback', { date: r.remindOn })}{' '}
                {r.isFeedbackOverdue && <span className="badge badge-warning">{t('cases.concern.remind')}</span>}
              </>
            )}
          </p>
          {!r.feedbackOn && detail.abilities.canWork && (
            <div className="field-inline">
              <Field id={`feedback-${r.id.slice(0, 8)}`} label={t('cases.concern.feedbackKind')}>
                <select
                  id={`feedback-${r.id.slice(0, 8)}`}
                  value={feedbackKind}
                  onChange={(e) => setFeedbackKind(e.target.value as ConcernFeedbackKind)}
                >
                  {CONCERN_FEEDBACK_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`cases.concern.feedbackKinds.${k}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" className="button button-secondary" onClick={() => feedback.run(r.id)}>
                {t('cases.concern.recordFeedback')}
              </button>
            </div>
          )}
        </div>
      ))}
      {isWorkable(detail) && (
        <form className="form card" onSubmit={save.onSubmit} aria-labelledby="concern-form-heading">
          <h3 id="concern-form-heading">{t('cases.concern.heading')}</h3>
          <p className="hint">{t('cases.concern.intro')}</p>
          {save.error !== null && <ErrorMessage error={save.error} />}
          <Field id="concern-date" label={t('cases.concern.date')}>
            <input
              id="concern-date"
              type="date"
              required
              value={form.reportedOn}
              onChange={(e) => setForm({ ...form, reportedOn: e.target.value })}
            />
          </Field>
          <Field id="concern-office" label={t('cases.concern.office')}>
            <input
              id="concern-office"
              type="text"
              required
              maxLength={200}
              value={form.socialServicesOffice}
              onChange={(e) => setForm({ ...form, socialServicesOffice: e.target.value })}
            />
          </Field>
          <Field id="concern-reason" label={t('cases.concern.reason')}>
            <select
              id="concern-reason"
              value={form.reasonCategory}
              onChange={(e) => setForm({ ...form, reasonCategory: e.target.value as ConcernReasonCategory })}
            >
              {CONCERN_REASON_CATEGORIES.map((r) => (
                <option key={r} value={r}>
                  {t(`cases.concern.reasons.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="concern-actions" label={t('cases.concern.actionsTaken')}>
            <textarea
              id="concern-actions"
              rows={2}
              value={form.actionsTaken}
              onChange={(e) => setForm({ ...form, actionsTaken: e.target.value })}
            />
          </Field>
          <button
            type="submit"
            className="button button-primary"
            disabled={!form.socialServicesOffice.trim() || save.isSaving}
          >
            {t('cases.concern.register')}
          </button>
        </form>
      )}
    </>
  );
}

export function MeetingsSection({ detail, today, onChanged }: Props & { today: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'sip' | 'attendanceTeam' | 'other'>('sip');
  const [heldOn, setHeldOn] = useState(today);
  const [participants, setParticipants] = useState([{ name: '', organisationType: 'school', organisationName: '' }]);
  const [sharedPlan, setSharedPlan] = useState('');
  const [coordinatorIndex, setCoordinatorIndex] = useState(0);
  const save = useSubmit(
    () =>
      casesApi.recordMeeting(detail.case.id, {
        kind,
        heldOn,
        sharedPlan,
        coordinatorIndex,
        participants: participants
          .filter((p) => p.name.trim())
          .map((p) => ({
            name: p.name,
            organisationType: p.organisationType as (typeof PARTICIPANT_ORGANISATION_TYPES)[number],
            ...(p.organisationName ? { organisationName: p.organisationName } : {}),
          })),
      }),
    () => onChanged(t('cases.meetings.saved')),
  );
  const rate = useSubmit(
    (meetingId: string, participantKey: string, rating: number) =>
      casesApi.rateMeeting(detail.case.id, meetingId, [{ participantKey, rating }]),
    () => onChanged(t('cases.meetings.rated')),
  );
  return (
    <>
      {rate.error !== null && <ErrorMessage error={rate.error} />}
      {detail.meetings.length === 0 && <p className="empty">{t('cases.meetings.none')}</p>}
      {detail.meetings.map((m) => (
        <div key={m.id} className="card">
          <h3>
            {t(`cases.meetings.kinds.${m.kind}`)} {m.heldOn}
          </h3>
          {m.sharedPlan && (
            <p>
              {t('cases.meetings.sharedPlan')}: {m.sharedPlan}
            </p>
          )}
          <ul>
            {m.participants.map((p) => (
              <li key={p.key}>
                {p.name ?? '–'} ({p.organisationName ?? t(`cases.meetings.orgTypes.${p.organisationType}`)})
                {m.coordinatorKey === p.key && `, ${t('cases.meetings.coordinator')}`}
                {' – '}
                {p.rating ? (
                  t('cases.meetings.rating', { rating: p.rating })
                ) : detail.abilities.canWork ? (
                  <label>
                    {t('cases.meetings.rateLabel', { name: p.name })}{' '}
                    <select
                      defaultValue=""
                      onChange={(e) => e.target.value && rate.run(m.id, p.key, Number(e.target.value))}
                    >
                      <option value="">–</option>
                      {[1, 2, 3, 4, 5].map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : (
                  t('cases.meetings.notRated')
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {isWorkable(detail) && (
        <form className="form card" onSubmit={save.onSubmit} aria-labelledby="meeting-form-heading">
          <h3 id="meeting-form-heading">{t('cases.meetings.heading')}</h3>
          {save.error !== null && <ErrorMessage error={save.error} />}
          <Field id="meeting-kind" label={t('cases.meetings.kind')}>
            <select id="meeting-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {(['sip', 'attendanceTeam', 'other'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`cases.meetings.kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="meeting-date" label={t('cases.meetings.date')}>
            <input id="meeting-date" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          </Field>
          {participants.map((p, i) => (
            <fieldset key={i}>
              <legend>{t('cases.meetings.participant', { n: i + 1 })}</legend>
              <Field id={`participant-${i}-name`} label={t('cases.meetings.name')}>
                <input
                  id={`participant-${i}-name`}
                  type="text"
                  value={p.name}
                  onChange={(e) =>
                    setParticipants(participants.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                  }
                />
              </Field>
              <Field id={`participant-${i}-type`} label={t('cases.meetings.orgType')}>
                <select
                  id={`participant-${i}-type`}
                  value={p.organisationType}
                  onChange={(e) =>
                    setParticipants(
                      participants.map((x, j) => (j === i ? { ...x, organisationType: e.target.value } : x)),
                    )
                  }
                >
                  {PARTICIPANT_ORGANISATION_TYPES.map((o) => (
                    <option key={o} value={o}>
                      {t(`cases.meetings.orgTypes.${o}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <div className="field-checkbox">
                <input
                  id={`participant-${i}-coordinator`}
                  type="radio"
                  name="meeting-coordinator"
                  checked={coordinatorIndex === i}
                  onChange={() => setCoordinatorIndex(i)}
                />
                <label htmlFor={`participant-${i}-coordinator`}>{t('cases.meetings.coordinator')}</label>
              </div>
            </fieldset>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              setParticipants([...participants, { name: '', organisationType: 'socialServices', organisationName: '' }])
            }
          >
            {t('cases.meetings.addParticipant')}
          </button>
          <Field id="meeting-plan" label={t('cases.meetings.sharedPlan')}>
            <textarea id="meeting-plan" rows={3} value={sharedPlan} onChange={(e) => setSharedPlan(e.target.value)} />
          </Field>
          <button
            type="submit"
            className="button button-primary"
            disabled={save.isSaving || !participants.some((p) => p.name.trim())}
          >
            {t('cases.meetings.save')}
          </button>
        </form>
      )}
    </>
  );
}

export function HandoverSection({
  detail,
  schoolUnits,
  onChanged,
}: Props & { schoolUnits: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [summary, setSummary] = useState('');
  const save = useSubmit(
    () => casesApi.prepareHandover(detail.case.id, { toSchoolUnitId: to, summary }),
    () => onChanged(t('cases.handover.saved')),
  );
  const others = schoolUnits.filter((u) => u.id !== detail.case.schoolUnitId);
  return (
    <>
      {detail.handovers.length === 0 && <p className="empty">{t('cases.handover.none')}</p>}
      <ul>
        {detail.handovers.map((h) => (
          <li key={h.id}>
            {t('cases.handover.summary', { date: h.preparedOn, to: h.toSchoolUnitName ?? '–' })}: {h.summary}
          </li>
        ))}
      </ul>
      {detail.abilities.canClose && others.length > 0 && (
        <form className="form card" onSubmit={save.onSubmit} aria-labelledby="handover-heading">
          <h3 id="handover-heading">{t('cases.handover.heading')}</h3>
          <p className="hint">{t('cases.handover.intro')}</p>
          {save.error !== null && <ErrorMessage error={save.error} />}
          <Field id="handover-to" label={t('cases.handover.to')}>
            <select id="handover-to" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('cases.handover.choose')}</option>
              {others.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="handover-summary" label={t('cases.handover.text')}>
            <textarea id="handover-summary" rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
          </Field>
          <button type="submit" className="button button-primary" disabled={!to || !summary.trim() || save.isSaving}>
            {t('cases.handover.prepare')}
          </button>
        </form>
      )}
    </>
  );
}

export function CloseSection({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<CloseReason>('attendanceRestored');
  const [outcome, setOutcome] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const close = useSubmit(
    () => casesApi.close(detail.case.id, { reason, outcome }),
    () => onChanged(t('cases.close.closed')),
  );
  const reopen = useSubmit(
    () => casesApi.reopen(detail.case.id, reopenReason),
    () => onChanged(t('cases.close.reopened')),
  );
  if (!detail.abilities.canClose)
    return detail.case.status === 'closed' ? (
      <p>
        {t('cases.close.closedSummary', {
          reason: t(`cases.close.reasons.${detail.case.closeReason}`),
          outcome: detail.case.closeOutcome,
        })}
      </p>
    ) : null;
  return detail.case.status === 'open' ? (
    <form className="form card" onSubmit={close.onSubmit} aria-label={t('cases.close.formLabel')}>
      {close.error !== null && <ErrorMessage error={close.error} />}
      <Field id="close-reason" label={t('cases.close.reason')}>
        <select id="close-reason" value={reason} onChange={(e) => setReason(e.target.value as CloseReason)}>
          {CLOSE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`cases.close.reasons.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="close-outcome" label={t('cases.close.outcome')}>
        <textarea id="close-outcome" rows={2} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      </Field>
      <button type="submit" className="button button-primary" disabled={!outcome.trim() || close.isSaving}>
        {t('cases.close.close')}
      </button>
    </form>
  ) : (
    <form className="form card" onSubmit={reopen.onSubmit} aria-label={t('cases.close.reopenLabel')}>
      <p>
        {t('cases.close.closedSummary', {
          reason: t(`cases.close.reasons.${detail.case.closeReason}`),
          outcome: detail.case.closeOutcome,
        })}
      </p>
      {reopen.error !== null && <ErrorMessage error={reopen.error} />}
      <Field id="reopen-reason" label={t('cases.close.reopenReason')}>
        <input id="reopen-reason" type="text" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} />
      </Field>
      <button type="submit" className="button button-secondary" disabled={!reopenReason.trim() || reopen.isSaving}>
        {t('cases.close.reopen')}
      </button>
    </form>
  );
}

export function TimelineSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="history-list">
      {[...detail.timeline].reverse().map((e, i) => (
        <li key={i}>
          <span className="history-time">{formatDateTime(e.at, i18n.language)}</span>{' '}
          {t(`cases.timeline.${e.type}`, { defaultValue: e.type })}
          {e.actorName ? ` – ${e.actorName}` : ` – ${t('cases.timeline.system')}`}
        </li>
      ))}
    </ol>
  );
}
