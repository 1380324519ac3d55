import { useTranslation } from 'react-i18next';
import type { CoveringAbsence } from '@shared/schemas/lessons';
import { Badge } from '../../../components/Badge';

/** "Anmäld frånvaro" / "Beviljad ledighet" / "Giltig orsak" for reports covering (part of) the lesson. */
export function CoveringBadges({ covering }: { covering: CoveringAbsence[] }) {
  const { t } = useTranslation();
  if (covering.length === 0) return null;
  return (
    <span className="badges">
      {covering.map((cover) => (
        <Badge key={cover.id} tone="info">
          {t(`register.covering.${cover.kind}`)}
          {!cover.isWholeLesson && ` ${t('register.covering.partial', { minutes: cover.coveredMinutes })}`}
        </Badge>
      ))}
    </span>
  );
}
