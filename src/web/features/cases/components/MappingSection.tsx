import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sectionsFor, type MappingKind } from '@shared/cases/mapping-template';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { casesApi, type CaseDetail } from '../api';
import { useSubmit } from '../useSubmit';
import { Field } from './Section';

type Mapping = CaseDetail['mappings'][number];

/**
 * Kartläggning: the template's questions for the kind, the pupil's own voice first (in their
 * words; required before the investigation can be completed) and the guardians' view.
 */
function MappingForm({
  detail,
  mapping,
  onSaved,
}: {
  detail: CaseDetail;
  mapping: Mapping | null;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MappingKind>((mapping?.kind as MappingKind) ?? 'simple');
  const [answers, setAnswers] = useState<Record<string, string>>(mapping?.answers ?? {});
  const [pupilVoice, setPupilVoice] = useState(mapping?.pupilVoice ?? '');
  const [guardiansView, setGuardiansView] = useState(mapping?.guardiansView ?? '');
  const prefix = mapping ? `mapping-${mapping.id.slice(0, 8)}` : 'mapping-new';
  const body = { kind, answers, pupilVoice, guardiansView };
  const save = useSubmit(
    () =>
      mapping ? casesApi.updateMapping(detail.case.id, mapping.id, body) : casesApi.createMapping(detail.case.id, body),
    () => onSaved(t('cases.mapping.saved')),
  );
  return (
    <form
      className="form card"
      onSubmit={save.onSubmit}
      aria-label={mapping ? t('cases.mapping.editLabel') : t('cases.mapping.newLabel')}
    >
      {save.error !== null && <ErrorMessage error={save.error} />}
      <Field id={`${prefix}-kind`} label={t('cases.mapping.kind')}>
        <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as MappingKind)}>
          <option value="simple">{t('cases.mapping.kinds.simple')}</option>
          <option value="inDepth">{t('cases.mapping.kinds.inDepth')}</option>
        </select>
      </Field>
      <Field id={`${prefix}-voice`} label={t('cases.mapping.pupilVoice')} hint={t('cases.mapping.pupilVoiceHint')}>
        <textarea
          id={`${prefix}-voice`}
          rows={4}
          maxLength={4000}
          value={pupilVoice}
          aria-describedby={`${prefix}-voice-hint`}
          onChange={(e) => setPupilVoice(e.target.value)}
        />
      </Field>
      <Field id={`${prefix}-guardians`} label={t('cases.mapping.guardiansView')}>
        <textarea
          id={`${prefix}-guardians`}
          rows={3}
          maxLength={4000}
          value={guardiansView}
          onChange={(e) => setGuardiansView(e.target.value)}
        />
      </Field>
      {sectionsFor(detail.template, kind).map((section) => (
        <fieldset key={section.key}>
          <legend>{section.title}</legend>
          {section.questions.map((q) => {
            const key = `${section.key}.${q.key}`;
            const id = `${prefix}-${section.key}-${q.key}`;
            const set = (value: string) => setAnswers((current) => ({ ...current, [key]: value }));
            return (
              <Field key={key} id={id} label={q.label} hint={q.help}>
                {q.kind === 'choice' ? (
                  <select id={id} value={answers[key] ?? ''} onChange={(e) => set(e.target.value)}>
                    <option value="">{t('cases.mapping.noAnswer')}</option>
                    {(q.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <textarea
                    id={id}
                    rows={2}
                    maxLength={4000}
                    value={answers[key] ?? ''}
                    aria-describedby={q.help ? `${id}-hint` : undefined}
                    onChange={(e) => set(e.target.value)}
                  />
                )}
              </Field>
            );
          })}
        </fieldset>
      ))}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isSaving}>
          {t('cases.mapping.save')}
        </button>
      </div>
    </form>
  );
}

export function MappingSection({ detail, onChanged }: { detail: CaseDetail; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const [isAdding, setIsAdding] = useState(false);
  const complete = useSubmit(
    (mapping: Mapping) => casesApi.completeMapping(detail.case.id, mapping.id),
    () => onChanged(t('cases.mapping.completed')),
  );
  const canWork = detail.abilities.canWork && detail.case.status === 'open';
  return (
    <>
      {complete.error !== null && <ErrorMessage error={complete.error} />}
      {detail.mappings.length === 0 && <p className="empty">{t('cases.mapping.none')}</p>}
      {detail.mappings.map((m) => (
        <div key={m.id} className="card">
          <h3>
            {t(`cases.mapping.kinds.${m.kind}`)}{' '}
            <span className="heading-note">
              {m.completedAt
                ? t('cases.mapping.doneOn', { date: m.completedAt.slice(0, 10) })
                : t('cases.mapping.inProgress')}
            </span>
          </h3>
          <p>{m.hasPupilVoice ? t('cases.mapping.hasVoice') : t('cases.mapping.noVoice')}</p>
          {!detail.abilities.canSeeContent ? (
            <p className="hint">{t('cases.mapping.contentHidden')}</p>
          ) : !m.completedAt && canWork ? (
            <>
              <MappingForm detail={detail} mapping={m} onSaved={onChanged} />
              <button type="button" className="button button-secondary" onClick={() => complete.run(m)}>
                {t('cases.mapping.complete')}
              </button>
            </>
          ) : (
            <dl>
              <dt>{t('cases.mapping.pupilVoice')}</dt>
              <dd>{m.pupilVoice ?? '–'}</dd>
              <dt>{t('cases.mapping.guardiansView')}</dt>
              <dd>{m.guardiansView ?? '–'}</dd>
              {sectionsFor(detail.template, m.kind as MappingKind).flatMap((s) =>
                s.questions
                  .filter((q) => m.answers?.[`${s.key}.${q.key}`])
                  .map((q) => (
                    <div key={`${s.key}.${q.key}`}>
                      <dt>
                        {s.title}: {q.label}
                      </dt>
                      <dd>{m.answers?.[`${s.key}.${q.key}`]}</dd>
                    </div>
                  )),
              )}
            </dl>
          )}
        </div>
      ))}
      {canWork &&
        (isAdding ? (
          <MappingForm
            detail={detail}
            mapping={null}
            onSaved={(message) => {
              setIsAdding(false);
              onChanged(message);
            }}
          />
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setIsAdding(true)}>
            {t('cases.mapping.add')}
          </button>
        ))}
    </>
  );
}
