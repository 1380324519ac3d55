import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '@shared/schemas/lessons';
import { KINDS_WITH_MINUTES, type DraftKind, type DraftMark, type DraftProblem } from '../draft';
import { CoveringBadges } from './CoveringBadges';
import { MarkButtons } from './MarkButtons';
import { Badge } from '../../../components/Badge';

interface RosterRowProps {
  entry: RosterEntry;
  draft: DraftMark;
  problem?: DraftProblem['problem'];
  isReadOnly: boolean;
  onChange: (draft: DraftMark) => void;
}

/** Text of a draft for the read-only view ("Sen 10 min"). */
function useDraftText() {
  const { t } = useTranslation();
  return (draft: DraftMark) =>
    (KINDS_WITH_MINUTES.includes(draft.kind) || draft.kind === 'imported') && draft.minutes
      ? t(`register.kindsWithMinutes.${draft.kind}`, { minutes: draft.minutes })
      : t(`register.kinds.${draft.kind}`);
}

/** One pupil in the register: name, report badges, the quick buttons and, for late/left, minutes. */
export function RosterRow({ entry, draft, problem, isReadOnly, onChange }: RosterRowProps) {
  const { t } = useTranslation();
  const id = useId();
  const draftText = useDraftText();
  const name = `${entry.givenName} ${entry.familyName}`;
  const needsMinutes = KINDS_WITH_MINUTES.includes(draft.kind);
  const minutesRef = useRef<HTMLInputElement>(null);
  // Choosing Sen or Gick tidigare moves focus to its minutes: the next thing to type.
  const [focusMinutes, setFocusMinutes] = useState(0);
  useEffect(() => {
    if (focusMinutes > 0) minutesRef.current?.focus();
  }, [focusMinutes]);

  const handleKind = (kind: DraftKind) => {
    onChange({ ...draft, kind, minutes: kind === draft.kind ? draft.minutes : '', isPreMarked: false });
    if (KINDS_WITH_MINUTES.includes(kind)) setFocusMinutes((n) => n + 1);
  };

  return (
    <li className={`roster-row roster-${draft.kind}`} data-person-id={entry.personId}>
      <div className="roster-pupil">
        <span className="roster-name" id={`${id}-name`}>
          {name}
        </span>
        <CoveringBadges covering={entry.covering} />
        {draft.isPreMarked && <Badge tone="neutral">{t('register.preMarked')}</Badge>}
      </div>
      {isReadOnly ? (
        <p className="roster-state">{draftText(draft)}</p>
      ) : (
        <>
          {(draft.kind === 'imported' || !entry.canChange) && <p className="roster-state">{draftText(draft)}</p>}
          <MarkButtons
            value={draft.kind}
            onChange={handleKind}
            labelledBy={`${id}-name`}
            isDisabled={!entry.canChange}
            describedBy={entry.canChange ? undefined : `${id}-locked`}
          />
          {!entry.canChange && (
            <p id={`${id}-locked`} className="hint roster-locked">
              {t('register.notYourMentee')}
            </p>
          )}
          {needsMinutes && entry.canChange && (
            <div className="field field-inline roster-minutes">
              <label htmlFor={`${id}-minutes`}>
                {t(`register.minutesLabel.${draft.kind}`)}{' '}
                <span className="visually-hidden">{t('register.minutesFor', { name })}</span>
              </label>
              <input
                ref={minutesRef}
                id={`${id}-minutes`}
                type="number"
                inputMode="numeric"
                min={1}
                max={entry.teachingMinutes}
                step={1}
                value={draft.minutes}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-error` : undefined}
                onChange={(event) => onChange({ ...draft, minutes: event.target.value })}
              />
              {problem && (
                <p id={`${id}-error`} className="field-error">
                  {t(`register.problems.${problem}`, { max: entry.teachingMinutes })}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </li>
  );
}
