import { useTranslation } from 'react-i18next';
import { DRAFT_KINDS, type DraftKind } from '../draft';

/**
 * The five quick choices for one pupil as toggle buttons (aria-pressed) in a labelled group.
 * Buttons rather than radios so Tab reaches every choice and Space/Enter picks it.
 */
export function MarkButtons({
  value,
  onChange,
  labelledBy,
  isDisabled = false,
  describedBy,
}: {
  value: DraftKind;
  onChange: (kind: DraftKind) => void;
  labelledBy: string;
  /** The user may not change this pupil (the reason is in `describedBy`). */
  isDisabled?: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset's own layout does not fit here; the role names the group.
    <div role="group" aria-labelledby={labelledBy} aria-describedby={describedBy} className="mark-buttons">
      {DRAFT_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          aria-pressed={value === kind}
          disabled={isDisabled}
          className={`mark-button mark-${kind}`}
          onClick={() => onChange(kind)}
        >
          {t(`register.kinds.${kind}`)}
        </button>
      ))}
    </div>
  );
}
