import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { casesApi, type Catalogue } from '../api';
import { useSubmit } from '../useSubmit';
import { Field } from './Section';

/** The organiser's case settings: investigation deadline (empty = one calendar month) and the concern-report reminder. */
function SettingsForm({ settings, onSaved }: { settings: Catalogue['settings']; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [deadlineDays, setDeadlineDays] = useState(settings.investigationDeadlineDays?.toString() ?? '');
  const [reminderDays, setReminderDays] = useState(settings.concernFeedbackReminderDays.toString());
  const save = useSubmit(
    () =>
      casesApi.saveSettings({
        investigationDeadlineDays: deadlineDays.trim() === '' ? null : Number(deadlineDays),
        concernFeedbackReminderDays: Number(reminderDays),
      }),
    () => onSaved(t('cases.settings.saved')),
  );
  return (
    <form className="form card" onSubmit={save.onSubmit} aria-labelledby="case-settings-heading">
      <h2 id="case-settings-heading">{t('cases.settings.title')}</h2>
      {save.error !== null && <ErrorMessage error={save.error} />}
      <Field id="settings-deadline" label={t('cases.settings.deadline')} hint={t('cases.settings.deadlineHint')}>
        <input
          id="settings-deadline"
          className="input-number"
          type="number"
          min={1}
          max={365}
          value={deadlineDays}
          aria-describedby="settings-deadline-hint"
          onChange={(e) => setDeadlineDays(e.target.value)}
        />
      </Field>
      <Field id="settings-reminder" label={t('cases.settings.reminder')}>
        <input
          id="settings-reminder"
          className="input-number"
          type="number"
          min={1}
          max={365}
          required
          value={reminderDays}
          onChange={(e) => setReminderDays(e.target.value)}
        />
      </Field>
      <button type="submit" className="button button-primary" disabled={save.isSaving}>
        {t('cases.settings.save')}
      </button>
    </form>
  );
}

export function CaseSettingsForm({ onSaved }: { onSaved: (message: string) => void }) {
  const catalogue = useApiQuery<Catalogue>(casesApi.cataloguePath());
  return catalogue.data ? <SettingsForm settings={catalogue.data.settings} onSaved={onSaved} /> : null;
}
