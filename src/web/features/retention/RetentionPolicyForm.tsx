import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicyBody, RetentionPolicyResponse } from '@shared/schemas/retention';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LiveStatus } from '../../components/LiveStatus';

/** The four retention periods in months, each with its allowed range and default, saved together. */
export function RetentionPolicyForm({
  policy,
  onSaved,
}: {
  policy: RetentionPolicyResponse;
  onSaved: (next: RetentionPolicyResponse) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [months, setMonths] = useState<Record<string, string>>(() =>
    Object.fromEntries(policy.rules.map((r) => [r.key, String(r.months)])),
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    setStatus('');
    try {
      const body = Object.fromEntries(policy.rules.map((r) => [r.key, Number(months[r.key])])) as RetentionPolicyBody;
      onSaved(await api.saveRetentionPolicy(body));
      setStatus(t('retention.saved'));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught)));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      {policy.rules.map((rule) => (
        <div className="field" key={rule.key}>
          <label htmlFor={`${id}-${rule.key}`}>{t(`retention.rules.${rule.key}`)}</label>
          <input
            id={`${id}-${rule.key}`}
            type="number"
            inputMode="numeric"
            min={rule.minMonths}
            max={rule.maxMonths}
            step={1}
            required
            value={months[rule.key] ?? ''}
            aria-describedby={`${id}-${rule.key}-hint`}
            onChange={(event) => setMonths({ ...months, [rule.key]: event.target.value })}
          />
          <p className="hint" id={`${id}-${rule.key}-hint`}>
            {t('retention.range', { min: rule.minMonths, max: rule.maxMonths, default: rule.defaultMonths })}
          </p>
        </div>
      ))}
      {error && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={isSaving}>
        {t('retention.save')}
      </button>
      <LiveStatus message={status} tone="success" />
    </form>
  );
}
