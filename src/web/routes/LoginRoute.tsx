import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { Page } from '../components/Page';
import { ErrorMessage } from '../components/ErrorMessage';
import { useApiQuery } from '../hooks/useApiQuery';
import { api } from '../api/endpoints';

/** Codes the server's sign-in callback sends back (oidc.routes.ts); anything else is ignored. */
const SSO_ERRORS = [
  'OIDC_UNKNOWN_PERSON',
  'OIDC_NO_CUSTODY',
  'OIDC_ACCOUNT_DISABLED',
  'OIDC_AMBIGUOUS',
  'OIDC_FAILED',
  'OIDC_CANCELLED',
  'OIDC_UNAVAILABLE',
];

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/** Inloggning: username and password; shows the server's message (wrong password, too many attempts). */
export default function LoginRoute() {
  const { t } = useTranslation();
  const { me, logIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const next = safeNext(params.get('next'));
  const methods = useApiQuery(api.signInMethodsPath()).data;
  const ssoError = params.get('error');

  if (me && !isSubmitting) return <Navigate to={next} replace />;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.missingFields'));
      return;
    }
    setError(null);
    setIsSubmitting(true);
    try {
      await logIn(username.trim(), password);
      void navigate(next, { replace: true });
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Page title={t('login.title')}>
      {ssoError && SSO_ERRORS.includes(ssoError) && (
        <div className="message message-error" role="alert">
          {t(`login.errors.${ssoError}`)}
        </div>
      )}
      {(methods?.guardian || methods?.staff) && (
        <div className="card sso-buttons">
          {methods.guardian && (
            <a className="button button-primary button-block" href="/api/auth/oidc/guardian/login">
              {t('login.guardianSso')}
            </a>
          )}
          {methods.staff && (
            <a className="button button-block" href="/api/auth/oidc/staff/login">
              {t('login.staffSso')}
            </a>
          )}
          <p>{t('login.or')}</p>
        </div>
      )}
      <p>{t('login.intro')}</p>
      <form className="form card" onSubmit={(event) => void handleSubmit(event)} noValidate>
        {error !== null && <ErrorMessage error={error} />}
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            required
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary button-block" disabled={isSubmitting}>
          {isSubmitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </Page>
  );
}
