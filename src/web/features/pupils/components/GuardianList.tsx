import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';

/** Guardians with e-mail and phone links; hidden entirely for pupils with protected identity. */
export function GuardianList({ guardians, isHidden }: { guardians: PupilPage['guardians']; isHidden: boolean }) {
  const { t } = useTranslation();
  if (isHidden) return <p>{t('guardians.hidden')}</p>;
  if (guardians.length === 0) return <p>{t('guardians.none')}</p>;
  return (
    <ul className="guardian-list">
      {guardians.map((guardian) => (
        <li key={guardian.personId} className="card">
          <p className="guardian-name">
            {guardian.name}
            {guardian.relationType && (
              <span className="muted">
                {' '}
                ({t(`guardians.relations.${guardian.relationType}`, { defaultValue: guardian.relationType })})
              </span>
            )}
          </p>
          {guardian.emails.length > 0 && (
            <p>
              {t('guardians.email')}:{' '}
              {guardian.emails.map((email, index) => (
                <span key={email}>
                  {index > 0 && ', '}
                  <a href={`mailto:${email}`}>{email}</a>
                </span>
              ))}
            </p>
          )}
          {guardian.phoneNumbers.length > 0 && (
            <p>
              {t('guardians.phone')}:{' '}
              {guardian.phoneNumbers.map((phone, index) => (
                <span key={phone}>
                  {index > 0 && ', '}
                  <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
