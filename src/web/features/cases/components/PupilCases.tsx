import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { casesApi, type CaseList } from '../api';
import { useSubmit } from '../useSubmit';

/** The pupil page's case section: the pupil's cases the user may see, and "Öppna ärende" when none is open. */
export function PupilCases({ pupilId }: { pupilId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useApiQuery<CaseList>(casesApi.listPath('school', 'all', pupilId));
  const open = useSubmit(
    async () => {
      await navigate(`/cases/${(await casesApi.open(pupilId)).id}`);
    },
    () => undefined,
  );
  const cases = query.data?.cases ?? [];
  // Opening a case involves others (members, the timeline): ask once before doing it.
  const [isConfirming, setIsConfirming] = useState(false);
  return (
    <>
      {query.error && <ErrorMessage error={query.error} />}
      {cases.length === 0 ? (
        <p className="empty">{t('cases.pupil.none')}</p>
      ) : (
        <ul>
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>
                {t('cases.pupil.link', { date: c.openedOn, status: t(`cases.status.${c.status}`) })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {query.data && !cases.some((c) => c.status === 'open') && (
        <>
          {open.error !== null && <ErrorMessage error={open.error} />}
          {isConfirming ? (
            <div className="message message-warning" role="alert">
              <p>{t('cases.pupil.confirmOpen')}</p>
              <button
                type="button"
                className="button button-primary"
                onClick={() => open.onSubmit()}
                disabled={open.isSaving}
              >
                {t('cases.pupil.confirmYes')}
              </button>{' '}
              <button type="button" className="button" onClick={() => setIsConfirming(false)}>
                {t('cases.pupil.confirmNo')}
              </button>
            </div>
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setIsConfirming(true)}>
              {t('cases.pupil.open')}
            </button>
          )}
        </>
      )}
    </>
  );
}
