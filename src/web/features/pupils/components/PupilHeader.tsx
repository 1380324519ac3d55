import { useTranslation } from 'react-i18next';
import type { PupilPage } from '@shared/schemas/pupils';
import { Badge } from '../../../components/Badge';

/** Class, school and year under the pupil's name. Never shows address data. */
export function PupilHeader({ pupil }: { pupil: PupilPage['pupil'] }) {
  const { t } = useTranslation();
  const parts = [
    pupil.classNames.length > 0 ? t('pupil.classes', { classes: pupil.classNames.join(', ') }) : null,
    pupil.schoolUnitName,
    pupil.schoolYear !== null ? t('pupil.schoolYear', { year: pupil.schoolYear }) : null,
  ].filter((part): part is string => Boolean(part));
  return (
    <div className="pupil-header">
      {pupil.isProtected && (
        <p>
          <Badge tone="warning">{t('pupil.protected')}</Badge>
        </p>
      )}
      <p className="lead">{parts.join(' · ')}</p>
    </div>
  );
}
