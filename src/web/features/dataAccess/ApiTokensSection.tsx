import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenListResponse, CreatedApiTokenResponse } from '@shared/schemas/api-tokens';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LiveStatus } from '../../components/LiveStatus';
import { formatDateTime } from '../../lib/format';

const asApiError = (caught: unknown) =>
  caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught));

/** API tokens for SS12000 read: create (the token is shown once), list, revoke. */
export function ApiTokensSection() {
  const { t, i18n } = useTranslation();
  const ids = { heading: useId(), name: useId(), hint: useId(), caption: useId(), created: useId(), token: useId() };
  const tokens = useApiQuery<ApiTokenListResponse>(api.apiTokensPath());
  const [name, setName] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [created, setCreated] = useState<CreatedApiTokenResponse | null>(null);
  const createdHeading = useRef<HTMLHeadingElement>(null);
  // The token is shown once: move focus to it when it appears, so it is not missed.
  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);

  const handleCreate = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      const result = await api.createApiToken({ name: name.trim(), scopes: ['ss12000:read'] });
      setCreated(result);
      setName('');
      setStatus(t('dataAccess.created', { name: result.apiToken.name }));
      tokens.reload();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setIsBusy(false);
    }
  };

  const handleRevoke = async (id: string, tokenName: string) => {
    if (!window.confirm(t('dataAccess.confirmRevoke', { name: tokenName }))) return;
    setError(null);
    try {
      tokens.setData(await api.revokeApiToken(id));
      if (created?.apiToken.id === id) setCreated(null);
      setStatus(t('dataAccess.revoked', { name: tokenName }));
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  return (
    <section aria-labelledby={ids.heading} className="page-section">
      <h2 id={ids.heading}>{t('dataAccess.tokensHeading')}</h2>
      <p>{t('dataAccess.tokensIntro')}</p>
      <form className="form" onSubmit={(event) => void handleCreate(event)}>
        <div className="field">
          <label htmlFor={ids.name}>{t('dataAccess.name')}</label>
          <input
            id={ids.name}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={100}
            aria-describedby={ids.hint}
            autoComplete="off"
          />
          <p className="hint" id={ids.hint}>
            {t('dataAccess.nameHint')}
          </p>
        </div>
        <button type="submit" className="button" disabled={isBusy || name.trim() === ''}>
          {isBusy ? t('dataAccess.creating') : t('dataAccess.create')}
        </button>
      </form>
      {created && (
        <section className="message message-info" aria-labelledby={ids.created}>
          <h3 id={ids.created} ref={createdHeading} tabIndex={-1} className="message-title">
            {t('dataAccess.createdHeading', { name: created.apiToken.name })}
          </h3>
          <p>{t('dataAccess.createdHint')}</p>
          <div className="field">
            <label htmlFor={ids.token}>{t('dataAccess.tokenLabel')}</label>
            <input
              id={ids.token}
              readOnly
              value={created.token}
              onFocus={(event) => event.target.select()}
              spellCheck={false}
            />
          </div>
        </section>
      )}
      <LiveStatus message={status} />
      {error && <ErrorMessage error={error} />}
      {tokens.error && <ErrorMessage error={tokens.error} onRetry={tokens.reload} />}
      {!tokens.data && !tokens.error && <Loading />}
      {tokens.data && tokens.data.tokens.length === 0 && <p>{t('dataAccess.noTokens')}</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <section className="table-scroll" aria-labelledby={ids.caption} tabIndex={0}>
          <table className="data-table">
            <caption id={ids.caption}>{t('dataAccess.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dataAccess.colName')}</th>
                <th scope="col">{t('dataAccess.colScopes')}</th>
                <th scope="col">{t('dataAccess.colCreated')}</th>
                <th scope="col">{t('dataAccess.colLastUsed')}</th>
                <th scope="col">{t('dataAccess.colStatus')}</th>
                <th scope="col">{t('dataAccess.colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{token.scopes.join(', ')}</td>
                  <td>
                    {formatDateTime(token.createdAt, i18n.language)}
                    {token.createdBy ? ` (${token.createdBy})` : ''}
                  </td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : t('dataAccess.never')}</td>
                  <td>
                    {token.revokedAt
                      ? t('dataAccess.revokedOn', { date: formatDateTime(token.revokedAt, i18n.language) })
                      : t('dataAccess.active')}
                  </td>
                  <td>
                    {!token.revokedAt && (
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => void handleRevoke(token.id, token.name)}
                      >
                        {t('dataAccess.revoke', { name: token.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
