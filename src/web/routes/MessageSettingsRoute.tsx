import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type GuardianSettings, type TemplatesResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { Badge } from '../components/Badge';
import {
  asMessageLocale,
  DEFAULT_TEMPLATES,
  EXAMPLE_VALUES,
  renderText,
  unknownVariables,
} from '@shared/messages/templates';

type Template = TemplatesResponse['templates'][number];

/** Sends a save and reports the outcome: the status text on success, the server's error otherwise. */
function useSave(onSaved: (message: string) => void) {
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const save = async (action: () => Promise<void>, message: string) => {
    setError(null);
    setIsSaving(true);
    try {
      await action();
      onSaved(message);
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };
  return { error, isSaving, save };
}

/** The notice address for organiser notices, the mentor's leave limit and how many days back guardians may report. */
function SettingsForm({ settings, onSaved }: { settings: GuardianSettings; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [noticeEmail, setNoticeEmail] = useState(settings.noticeEmail ?? '');
  const [leaveLimit, setLeaveLimit] = useState(String(settings.leaveMentorLimitDays));
  const [pastDays, setPastDays] = useState(String(settings.reportPastDays));
  const { error, isSaving, save } = useSave(onSaved);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      () =>
        api.saveMessageSettings({
          noticeEmail: noticeEmail.trim() || null,
          leaveMentorLimitDays: Number(leaveLimit),
          reportPastDays: Number(pastDays),
        }),
      t('messageSettings.settingsSaved'),
    );
  };
  return (
    <form className="form card" onSubmit={handleSubmit} noValidate aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('messageSettings.settingsHeading')}</h2>
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor="settings-email">{t('messageSettings.noticeEmail')}</label>
        <p id="settings-email-hint" className="hint">
          {t('messageSettings.noticeEmailHint')}
        </p>
        <input
          id="settings-email"
          type="email"
          autoComplete="email"
          value={noticeEmail}
          aria-describedby="settings-email-hint"
          onChange={(event) => setNoticeEmail(event.target.value)}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="settings-leave">{t('messageSettings.leaveLimit')}</label>
          <input
            id="settings-leave"
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            value={leaveLimit}
            onChange={(event) => setLeaveLimit(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-past">{t('messageSettings.pastDays')}</label>
          <input
            id="settings-past"
            type="number"
            inputMode="numeric"
            min={0}
            max={30}
            value={pastDays}
            onChange={(event) => setPastDays(event.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {t('messageSettings.save')}
        </button>
      </div>
    </form>
  );
}

type Policy = GuardianSettings['sameDayNoticePolicy'];
const POLICY_IDS = { atTime: 'same-day-at-time', immediate: 'same-day-immediate' } as const;

interface PolicyOptionProps {
  value: Policy;
  /** The policy chosen now. */
  policy: Policy;
  onChoose: (value: Policy) => void;
}

/** One same-day notice policy: its radio button and the hint that explains it. */
function PolicyOption({ value, policy, onChoose }: PolicyOptionProps) {
  const { t } = useTranslation();
  const id = POLICY_IDS[value];
  return (
    <>
      <div className="field field-checkbox">
        <input
          id={id}
          type="radio"
          name="same-day-policy"
          checked={policy === value}
          aria-describedby={`${id}-hint`}
          onChange={() => onChoose(value)}
        />
        <label htmlFor={id}>{t(`sameDayNotice.${value}`)}</label>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t(`sameDayNotice.${value}Hint`)}
      </p>
    </>
  );
}

/**
 * The same-day notice policy: at a set time (one message with the day's lessons) or as soon as the
 * lesson is confirmed, after a grace period in which a correction or a guardian's report withdraws it.
 */
function SameDayNoticeForm({ settings, onSaved }: { settings: GuardianSettings; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState(settings.sameDayNoticePolicy);
  const [time, setTime] = useState(settings.sameDayNoticeTime);
  const [grace, setGrace] = useState(String(settings.sameDayNoticeGraceMinutes));
  const { error, isSaving, save } = useSave(onSaved);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      () =>
        api.saveMessageSettings({
          noticeEmail: settings.noticeEmail,
          leaveMentorLimitDays: settings.leaveMentorLimitDays,
          reportPastDays: settings.reportPastDays,
          sameDayNoticePolicy: policy,
          sameDayNoticeTime: time,
          sameDayNoticeGraceMinutes: Number(grace),
        }),
      t('sameDayNotice.saved'),
    );
  };
  return (
    <form className="form card" onSubmit={handleSubmit} noValidate aria-labelledby="same-day-heading">
      <h2 id="same-day-heading">{t('sameDayNotice.heading')}</h2>
      <p className="hint">{t('sameDayNotice.intro')}</p>
      {error !== null && <ErrorMessage error={error} />}
      <fieldset>
        <legend>{t('sameDayNotice.policyLegend')}</legend>
        <PolicyOption value="atTime" policy={policy} onChoose={setPolicy} />
        <PolicyOption value="immediate" policy={policy} onChoose={setPolicy} />
      </fieldset>
      <div className="field-row">
        {policy === 'atTime' ? (
          <div className="field">
            <label htmlFor="same-day-time">{t('sameDayNotice.time')}</label>
            <input
              id="same-day-time"
              type="time"
              value={time}
              required
              onChange={(event) => setTime(event.target.value)}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="same-day-grace">{t('sameDayNotice.grace')}</label>
            <p id="same-day-grace-hint" className="hint">
              {t('sameDayNotice.graceHint')}
            </p>
            <input
              id="same-day-grace"
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              value={grace}
              aria-describedby="same-day-grace-hint"
              onChange={(event) => setGrace(event.target.value)}
            />
          </div>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {t('sameDayNotice.save')}
        </button>
      </div>
    </form>
  );
}

/** The message as a guardian would read it, with example values, and any {{field}} that would be refused. */
function TemplatePreview({ id, subject, body, locale }: { id: string; subject: string; body: string; locale: string }) {
  const { t } = useTranslation();
  const values = EXAMPLE_VALUES[asMessageLocale(locale)];
  const unknown = [...new Set([...unknownVariables(subject), ...unknownVariables(body)])];
  return (
    <section className="template-preview" aria-labelledby={`${id}-preview-heading`}>
      <h4 id={`${id}-preview-heading`}>{t('messageSettings.previewHeading')}</h4>
      <p className="hint">{t('messageSettings.previewHint')}</p>
      {unknown.length > 0 && (
        <p className="message message-warning">
          {t('messageSettings.unknownFields', { list: unknown.map((name) => `{{${name}}}`).join(', ') })}
        </p>
      )}
      <div className="message-preview" lang={locale}>
        <p>
          <strong>{renderText(subject, values)}</strong>
        </p>
        <p className="message-preview-body">{renderText(body, values)}</p>
      </div>
    </section>
  );
}

/** One template in one language: subject and body with {{fields}}; unknown fields are refused by the server. */
function TemplateForm({
  template,
  variables,
  onSaved,
  onNotice,
}: {
  template: Template;
  variables: string[];
  onSaved: (message: string) => void;
  /** Announces a change that is not saved yet (the page's status line). */
  onNotice: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const { error, isSaving, save } = useSave(onSaved);
  const id = `template-${template.templateKey}-${template.locale}`;
  const name = `${t(`messageTemplates.${template.templateKey}`, { defaultValue: template.templateKey })} (${t(`messageSettings.locales.${template.locale}`, { defaultValue: template.locale })})`;
  const standard = DEFAULT_TEMPLATES[template.templateKey]?.[asMessageLocale(template.locale)];
  const isStandard = !standard || (subject === standard.subject && body === standard.body);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      () => api.saveMessageTemplate(template.templateKey, template.locale, { subject, body }),
      t('messageSettings.templateSaved', { name }),
    );
  };
  // Only fills the form: the organiser sees the standard text in the preview and saves it like any change.
  const handleReset = () => {
    if (!standard) return;
    setSubject(standard.subject);
    setBody(standard.body);
    onNotice(t('messageSettings.resetDone', { name }));
  };
  return (
    <form className="form card" onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {name} {template.isCustom && <Badge tone="info">{t('messageSettings.custom')}</Badge>}
      </h3>
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('messageSettings.subject')}</label>
        <input
          id={`${id}-subject`}
          lang={template.locale}
          type="text"
          maxLength={200}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('messageSettings.body')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('messageSettings.variables', { list: variables.map((v) => `{{${v}}}`).join(', ') })}
        </p>
        <textarea
          id={`${id}-body`}
          lang={template.locale}
          rows={6}
          maxLength={4000}
          value={body}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setBody(event.target.value)}
        />
      </div>
      <TemplatePreview id={id} subject={subject} body={body} locale={template.locale} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {t('messageSettings.saveTemplate')}
          <span className="visually-hidden"> {name}</span>
        </button>
        {standard && (
          <button type="button" className="button button-secondary" disabled={isStandard} onClick={handleReset}>
            {t('messageSettings.reset')}
            <span className="visually-hidden"> {name}</span>
          </button>
        )}
      </div>
    </form>
  );
}

/** Meddelandeinställningar (huvudman): the guardian settings and the message templates in Swedish and English. */
export default function MessageSettingsRoute() {
  const { t } = useTranslation();
  const settings = useApiQuery<GuardianSettings>(api.messageSettingsPath());
  const templates = useApiQuery<TemplatesResponse>(api.messageTemplatesPath());
  const [status, setStatus] = useState('');
  const [templateKey, setTemplateKey] = useState('');
  const keys = [...new Set((templates.data?.templates ?? []).map((tpl) => tpl.templateKey))];
  const chosenKey = templateKey || keys[0] || '';
  return (
    <Page title={t('messageSettings.title')}>
      <LiveStatus message={status} />
      {settings.error ? (
        <ErrorMessage error={settings.error} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Loading />
      ) : (
        <>
          <SettingsForm
            settings={settings.data}
            onSaved={(message) => {
              setStatus(message);
              settings.reload();
            }}
          />
          <SameDayNoticeForm
            key={`${settings.data.sameDayNoticePolicy}-${settings.data.sameDayNoticeTime}-${settings.data.sameDayNoticeGraceMinutes}`}
            settings={settings.data}
            onSaved={(message) => {
              setStatus(message);
              settings.reload();
            }}
          />
        </>
      )}
      <section aria-labelledby="templates-heading" className="page-section">
        <h2 id="templates-heading">{t('messageSettings.templatesHeading')}</h2>
        {templates.error ? (
          <ErrorMessage error={templates.error} onRetry={templates.reload} />
        ) : !templates.data ? (
          <Loading />
        ) : (
          <>
            <div className="field">
              <label htmlFor="template-choice">{t('messageSettings.choose')}</label>
              <select id="template-choice" value={chosenKey} onChange={(event) => setTemplateKey(event.target.value)}>
                {keys.map((key) => (
                  <option key={key} value={key}>
                    {t(`messageTemplates.${key}`, { defaultValue: key })}
                  </option>
                ))}
              </select>
            </div>
            <div className="portal-list">
              {templates.data.templates
                .filter((tpl) => tpl.templateKey === chosenKey)
                .map((tpl) => (
                  <TemplateForm
                    key={`${tpl.templateKey}-${tpl.locale}-${tpl.subject}`}
                    template={tpl}
                    variables={templates.data!.variables}
                    onSaved={(message) => {
                      setStatus(message);
                      templates.reload();
                    }}
                    onNotice={setStatus}
                  />
                ))}
            </div>
          </>
        )}
      </section>
    </Page>
  );
}
