import { useTranslation } from 'react-i18next';
import type { LeafTrigger, Period, Trigger } from '@shared/ladders/format';
import { defaultPeriod, fieldId, newRateTrigger, pointerOf, type Path } from '../editor';
import { triggerText } from '../ladderText';
import { CheckboxControl, NumberControl, PathProblems, SelectControl, useEditor } from './editorFields';

const LEAF_KINDS = [
  'rate',
  'incompleteWeeks',
  'consecutiveAbsentDays',
  'absenceOccasionsInMonth',
  'lateCount',
  'anyInvalidAbsence',
  'concernFlag',
] as const;
const PERIOD_KINDS = ['month', 'twoConsecutiveMonths', 'rollingDays', 'week', 'term'] as const;
const MEASURES = ['absent', 'valid', 'invalid'] as const;
const COMPARATORS = ['gte', 'gt'] as const;

/** A new trigger of a kind with sensible starting values. */
function defaultTrigger(kind: LeafTrigger['kind']): LeafTrigger {
  switch (kind) {
    case 'rate':
      return newRateTrigger() as LeafTrigger;
    case 'incompleteWeeks':
      return { kind, k: 3, n: 4 };
    case 'consecutiveAbsentDays':
      return { kind, days: 10 };
    case 'absenceOccasionsInMonth':
      return { kind, comparator: 'gte', count: 3 };
    case 'lateCount':
      return { kind, period: { kind: 'month' }, comparator: 'gte', count: 5 };
    case 'anyInvalidAbsence':
      return { kind };
    case 'concernFlag':
      return { kind };
  }
}

/** Period kind and its options (days of a rolling window, "to date" for month and term). */
function PeriodControls({ path, period }: { path: Path; period: Period }) {
  const { t } = useTranslation();
  const { set } = useEditor();
  return (
    <>
      <SelectControl
        path={[...path, 'kind']}
        label={t('ladderEditor.fields.periodKind')}
        value={period.kind}
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`ladderEditor.periodKinds.${kind}`) }))}
        onSelect={(kind) => set(path, defaultPeriod(kind))}
      />
      {period.kind === 'rollingDays' && (
        <NumberControl
          path={[...path, 'days']}
          label={t('ladderEditor.fields.days')}
          value={period.days}
          min={1}
          max={366}
        />
      )}
      {period.kind === 'month' && (
        <CheckboxControl
          path={[...path, 'monthToDate']}
          label={t('ladderEditor.fields.monthToDate')}
          value={period.monthToDate}
        />
      )}
      {period.kind === 'term' && (
        <CheckboxControl path={[...path, 'toDate']} label={t('ladderEditor.fields.toDate')} value={period.toDate} />
      )}
    </>
  );
}

function ComparatorControl({ path, value, isCount = false }: { path: Path; value: 'gt' | 'gte'; isCount?: boolean }) {
  const { t } = useTranslation();
  return (
    <SelectControl
      path={path}
      label={t('ladderEditor.fields.comparator')}
      value={value}
      options={COMPARATORS.map((c) => ({
        value: c,
        label: t(`ladderEditor.comparators.${isCount ? 'count' : 'rate'}.${c}`),
      }))}
    />
  );
}

/** The fields of one leaf trigger. */
function LeafFields({ path, trigger }: { path: Path; trigger: LeafTrigger }) {
  const { t } = useTranslation();
  switch (trigger.kind) {
    case 'rate':
      return (
        <>
          <SelectControl
            path={[...path, 'measure']}
            label={t('ladderEditor.fields.measure')}
            value={trigger.measure}
            options={MEASURES.map((m) => ({ value: m, label: t(`ladderEditor.measures.${m}`) }))}
          />
          <PeriodControls path={[...path, 'period']} period={trigger.period} />
          <ComparatorControl path={[...path, 'comparator']} value={trigger.comparator} />
          <NumberControl
            path={[...path, 'threshold']}
            label={t('ladderEditor.fields.thresholdPercent')}
            value={trigger.threshold}
            isPercent
          />
        </>
      );
    case 'incompleteWeeks':
      return (
        <>
          <NumberControl path={[...path, 'k']} label={t('ladderEditor.fields.k')} value={trigger.k} min={1} max={52} />
          <NumberControl path={[...path, 'n']} label={t('ladderEditor.fields.n')} value={trigger.n} min={1} max={52} />
          <CheckboxControl
            path={[...path, 'freshWindowAfterPreviousStep']}
            label={t('ladderEditor.fields.freshWindowAfterPreviousStep')}
            value={trigger.freshWindowAfterPreviousStep}
          />
        </>
      );
    case 'consecutiveAbsentDays':
      return (
        <NumberControl
          path={[...path, 'days']}
          label={t('ladderEditor.fields.consecutiveDays')}
          value={trigger.days}
          min={1}
          max={200}
        />
      );
    case 'absenceOccasionsInMonth':
      return (
        <>
          <ComparatorControl path={[...path, 'comparator']} value={trigger.comparator} isCount />
          <NumberControl
            path={[...path, 'count']}
            label={t('ladderEditor.fields.count')}
            value={trigger.count}
            min={0}
            max={1000}
          />
          <CheckboxControl
            path={[...path, 'monthToDate']}
            label={t('ladderEditor.fields.monthToDate')}
            value={trigger.monthToDate}
          />
        </>
      );
    case 'lateCount':
      return (
        <>
          <PeriodControls path={[...path, 'period']} period={trigger.period} />
          <ComparatorControl path={[...path, 'comparator']} value={trigger.comparator} isCount />
          <NumberControl
            path={[...path, 'count']}
            label={t('ladderEditor.fields.count')}
            value={trigger.count}
            min={0}
            max={1000}
          />
        </>
      );
    case 'anyInvalidAbsence':
      return (
        <NumberControl
          path={[...path, 'withinDays']}
          label={t('ladderEditor.fields.withinDays')}
          hint={t('ladderEditor.hints.withinDays')}
          value={trigger.withinDays}
          min={1}
          max={31}
          isOptional
        />
      );
    case 'concernFlag':
      return null;
  }
}

/** One condition: its wording, its kind and fields, and "Ta bort". A group shows its conditions inside. */
export function TriggerEditor({
  path,
  trigger,
  number,
  onRemove,
}: {
  path: Path;
  trigger: Trigger;
  number: number;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { set } = useEditor();
  const pointer = pointerOf(path);
  return (
    <fieldset className="trigger-editor" id={fieldId(pointer)} tabIndex={-1}>
      <legend>{t('ladderEditor.triggerLegend', { number })}</legend>
      <p className="trigger-summary">{triggerText(t, trigger, i18n.language)}</p>
      <PathProblems path={path} />
      {trigger.kind === 'group' ? (
        <>
          <SelectControl
            path={[...path, 'combine']}
            label={t('ladderEditor.fields.combine')}
            value={trigger.combine}
            options={(['any', 'all'] as const).map((c) => ({ value: c, label: t(`ladderEditor.combine.${c}`) }))}
          />
          <ol className="trigger-list">
            {trigger.triggers.map((leaf, index) => (
              <li key={index}>
                <TriggerEditor
                  path={[...path, 'triggers', index]}
                  trigger={leaf}
                  number={index + 1}
                  onRemove={() =>
                    set(
                      [...path, 'triggers'],
                      trigger.triggers.filter((_, i) => i !== index),
                    )
                  }
                />
              </li>
            ))}
          </ol>
          <PathProblems path={[...path, 'triggers']} />
        </>
      ) : (
        <div className="field-row">
          <SelectControl
            path={[...path, 'kind']}
            label={t('ladderEditor.fields.triggerKind')}
            value={trigger.kind}
            options={LEAF_KINDS.map((kind) => ({ value: kind, label: t(`ladderEditor.triggerKinds.${kind}`) }))}
            onSelect={(kind) => set(path, defaultTrigger(kind))}
          />
          <LeafFields path={path} trigger={trigger} />
        </div>
      )}
      <button type="button" className="button button-secondary button-small" onClick={onRemove}>
        {t('ladderEditor.removeTrigger')}
        <span className="visually-hidden"> {number}</span>
      </button>
    </fieldset>
  );
}
