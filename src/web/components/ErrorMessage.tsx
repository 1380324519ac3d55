import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * Shows a failed call: the server's Swedish message, field problems, and for 403/404 a plain
 * statement that the thing was not found or the user lacks access (the server does not say which).
 */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (typeof error === 'string' ? error : t('errors.unknown'));
  return (
    <div className="message message-error" role="alert">
      {apiError?.isNotFoundOrForbidden ? (
        <>
          <p className="message-title">{t('errors.notFoundOrForbidden')}</p>
          <p>{message}</p>
        </>
      ) : (
        <p className="message-title">{message}</p>
      )}
      {apiError && apiError.fieldProblems.length > 0 && (
        <ul>
          {apiError.fieldProblems.map((problem, index) => (
            <li key={`${problem.path}-${index}`}>{problem.message}</li>
          ))}
        </ul>
      )}
      {onRetry && !apiError?.isNotFoundOrForbidden && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}
