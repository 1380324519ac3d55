/**
 * The ladder configuration format (närvarotrappa as data): TypeBox schemas, so the format has a
 * JSON Schema for import/export and the editor, plus `validateLadder` with Swedish problems.
 * What each field means at evaluation time is documented here and implemented in `evaluate.ts`;
 * the decisions behind it are in `docs/domain/ladders.md`, 'Evaluation decisions'.
 */
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Role } from '../roles';
import { schemaProblems, type SchemaProblem } from './schema-problems';

const strict = { additionalProperties: false } as const;

const Key = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,59}$',
  description: 'gemena a–z, siffror och bindestreck, t.ex. "fortsatt-franvaro"',
});
const Text = (description: string) => Type.String({ minLength: 1, maxLength: 4000, description });
const Share = Type.Number({ minimum: 0, maximum: 1, description: 'andel 0–1, t.ex. 0.2 för 20 %' });
const Count = Type.Integer({ minimum: 0, maximum: 1000 });
const Weeks = Type.Integer({ minimum: 1, maximum: 52, description: 'antal veckor 1–52' });

/** `gt` = "higher than / över" (strictly greater); `gte` = a stated level ("vid 10 %"), docs/domain/ladders.md D4. */
export const COMPARATORS = ['gt', 'gte'] as const;
export type Comparator = (typeof COMPARATORS)[number];
const ComparatorSchema = Type.Enum(COMPARATORS, {
  description: '"gt" = över (strikt större), "gte" = minst (angiven nivå)',
});

/** The absence a rate is taken of; every rate is over known minutes (docs/domain/measures.md D1). */
export const RATE_MEASURES = ['absent', 'valid', 'invalid'] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number];

/** Roles a task can be assigned to: each resolves to people for a pupil (mentor, school's student health, principal, organiser). */
export const TASK_ROLES = ['mentor', 'studentHealth', 'principal', 'organiserAdmin'] as const satisfies readonly Role[];

/**
 * The period a rate or count is taken over at evaluation date D. Complete periods only, unless
 * the period says it runs to date (ladders D2):
 * - `month`: the last calendar month that has ended by D; with `monthToDate`, the running month
 *   up to D once it has known minutes on five distinct days.
 * - `twoConsecutiveMonths`: the last two ended months as one combined rate; each month needs
 *   five school days with known minutes.
 * - `rollingDays`: the `days` days ending on D (a running window: the five-day minimum applies).
 * - `week`: the last ISO week ended by D (ladders D3).
 * - `term`: the last term ended by D; with `toDate`, the term containing D up to D. Needs terms.
 */
export const PeriodSchema = Type.Union([
  Type.Object({ kind: Type.Literal('month'), monthToDate: Type.Optional(Type.Boolean()) }, strict),
  Type.Object({ kind: Type.Literal('twoConsecutiveMonths') }, strict),
  Type.Object(
    {
      kind: Type.Literal('rollingDays'),
      days: Type.Integer({ minimum: 1, maximum: 366, description: 'antal dagar 1–366' }),
    },
    strict,
  ),
  Type.Object({ kind: Type.Literal('week') }, strict),
  Type.Object({ kind: Type.Literal('term'), toDate: Type.Optional(Type.Boolean()) }, strict),
]);
/** See `PeriodSchema`. */
export type Period = Static<typeof PeriodSchema>;

/** Absence rate of `measure` over `period` compared with `threshold`; no known minutes → does not fire. */
export const RateTriggerSchema = Type.Object(
  {
    kind: Type.Literal('rate'),
    measure: Type.Enum(RATE_MEASURES, {
      description: '"absent" = all frånvaro, "valid" = giltig, "invalid" = ogiltig',
    }),
    period: PeriodSchema,
    comparator: ComparatorSchema,
    threshold: Share,
  },
  strict,
);

/**
 * At least `k` incomplete weeks among the last `n` ISO school weeks ended by D (docs/domain/measures.md
 * "Incomplete weeks"). With `freshWindowAfterPreviousStep`, all `n` weeks must lie strictly
 * after the ISO week in which the pupil's current step was entered.
 */
export const IncompleteWeeksTriggerSchema = Type.Object(
  {
    kind: Type.Literal('incompleteWeeks'),
    k: Type.Integer({ minimum: 1, maximum: 52 }),
    n: Type.Integer({ minimum: 1, maximum: 52 }),
    minAbsentMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10_000,
        description: 'minsta antal frånvarominuter för en ofullständig vecka',
      }),
    ),
    excludeValid: Type.Optional(Type.Boolean()),
    excludeLateness: Type.Optional(Type.Boolean()),
    freshWindowAfterPreviousStep: Type.Optional(Type.Boolean()),
  },
  strict,
);

/** The run of wholly absent school days going on at D (ending on the last school day ≤ D) is at least `days` long. */
export const ConsecutiveAbsentDaysTriggerSchema = Type.Object(
  {
    kind: Type.Literal('consecutiveAbsentDays'),
    days: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  strict,
);

/** Absence occasions (school days with any absence) in the last ended month, or the running month with `monthToDate`. */
export const AbsenceOccasionsTriggerSchema = Type.Object(
  {
    kind: Type.Literal('absenceOccasionsInMonth'),
    comparator: ComparatorSchema,
    count: Count,
    monthToDate: Type.Optional(Type.Boolean()),
  },
  strict,
);

/** Late arrivals registered in Närvaro over `period`. */
export const LateCountTriggerSchema = Type.Object(
  {
    kind: Type.Literal('lateCount'),
    period: PeriodSchema,
    comparator: ComparatorSchema,
    count: Count,
  },
  strict,
);

/**
 * Invalid absence on a school day among the `withinDays` days ending on D (default 1: D itself),
 * so it fires on the day the absence is registered; a wider window also catches lessons
 * confirmed a few days late.
 */
export const AnyInvalidAbsenceTriggerSchema = Type.Object(
  {
    kind: Type.Literal('anyInvalidAbsence'),
    withinDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 31, description: 'antal dagar bakåt från utvärderingsdagen, 1–31' }),
    ),
  },
  strict,
);

/** Staff have set a concern ("oro") flag that is not cleared at D. */
export const ConcernFlagTriggerSchema = Type.Object({ kind: Type.Literal('concernFlag') }, strict);

/** Every trigger that reads figures or flags directly. */
export const LeafTriggerSchema = Type.Union([
  RateTriggerSchema,
  IncompleteWeeksTriggerSchema,
  ConsecutiveAbsentDaysTriggerSchema,
  AbsenceOccasionsTriggerSchema,
  LateCountTriggerSchema,
  AnyInvalidAbsenceTriggerSchema,
  ConcernFlagTriggerSchema,
]);
/** A trigger other than a nested group. */
export type LeafTrigger = Static<typeof LeafTriggerSchema>;

const CombineSchema = Type.Enum(['any', 'all'], { description: '"any" = något villkor, "all" = alla villkor' });

/** A nested group of leaf triggers (one level), e.g. "10 % AND (3 occasions OR 10 days in a row)". */
const NestedGroupSchema = Type.Object(
  {
    kind: Type.Literal('group'),
    combine: CombineSchema,
    triggers: Type.Array(LeafTriggerSchema, { minItems: 1 }),
  },
  strict,
);

/** One condition of a step, built from the measures; a `group` nests one level of any/all. */
export const TriggerSchema = Type.Union([
  RateTriggerSchema,
  IncompleteWeeksTriggerSchema,
  ConsecutiveAbsentDaysTriggerSchema,
  AbsenceOccasionsTriggerSchema,
  LateCountTriggerSchema,
  AnyInvalidAbsenceTriggerSchema,
  ConcernFlagTriggerSchema,
  NestedGroupSchema,
]);
/** One condition of a step or alert. */
export type Trigger = Static<typeof TriggerSchema>;
/** The `kind` values of triggers, `group` included. */
export type TriggerKind = Trigger['kind'];

/** A step's conditions combined with any/all. Empty for manual steps. */
export const TriggerGroupSchema = Type.Object({ combine: CombineSchema, triggers: Type.Array(TriggerSchema) }, strict);
export type TriggerGroup = Static<typeof TriggerGroupSchema>;

/** What entering a step (or an alert firing) sets off. */
export const ActionSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('task'),
      role: Type.Enum(TASK_ROLES, { description: 'vem uppgiften tilldelas' }),
      title: Text('uppgiftens rubrik'),
      dueDays: Type.Integer({ minimum: 0, maximum: 730, description: 'dagar till förfallodag, 0–730' }),
    },
    strict,
  ),
  Type.Object({ kind: Type.Literal('guardianMessage'), templateKey: Key }, strict),
  Type.Object({ kind: Type.Literal('organiserNotice'), templateKey: Key }, strict),
  Type.Object({ kind: Type.Literal('openCase'), caseKind: Type.Enum(['case', 'investigation']) }, strict),
]);
export type Action = Static<typeof ActionSchema>;

/**
 * A step may require the pupil to be on an earlier step (default: the one just before) before
 * it can be entered, never on the same day that step was entered; optionally only after the
 * current step has run for `weeksAfterPreviousStep` weeks, and with `freshWindow` only on
 * evidence (every trigger's period) strictly after the ISO week the current step was entered.
 */
export const RequiresPreviousSchema = Type.Object(
  {
    stepKey: Type.Optional(Key),
    weeksAfterPreviousStep: Type.Optional(Weeks),
    freshWindow: Type.Optional(Type.Boolean()),
  },
  strict,
);

/**
 * How a pupil leaves the ladder without staff (docs/domain/ladders.md D7): `none` = never; or back to
 * no step (0) once `weeks` complete ISO weeks have passed, after the ISO week in which any step's
 * triggers last fired for the pupil (or the step was entered, if later), with no step's triggers
 * firing. Staff can always close a step with a reason.
 */
export const ExitSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('none') }, strict),
    Type.Object({ kind: Type.Literal('weeksWithoutTrigger'), weeks: Weeks }, strict),
  ],
  {
    description:
      'när ett steg avslutas automatiskt: "none" = aldrig, "weeksWithoutTrigger" = efter så många hela veckor utan att något av trappans villkor uppfyllts',
  },
);
export type Exit = Static<typeof ExitSchema>;

/**
 * One step. `entry: 'manual'` steps have no triggers and are entered only by a staff decision;
 * `actions` are set off when a pupil enters the step; roles and law references are display text.
 */
export const StepSchema = Type.Object(
  {
    key: Key,
    name: Text('stegets namn'),
    description: Text('vad steget innebär'),
    triggers: TriggerGroupSchema,
    requiresPrevious: Type.Optional(RequiresPreviousSchema),
    actions: Type.Array(ActionSchema),
    responsibleRoles: Type.Array(Text('ansvarig roll, fri text')),
    lawReferences: Type.Array(Text('lagrum, fri text')),
    entry: Type.Enum(['automatic', 'manual'], {
      description: '"automatic" = av utlösarna, "manual" = bara genom beslut av personal',
    }),
    /** Overrides the ladder's `exit` for pupils on this step; left out = the ladder's. */
    exit: Type.Optional(ExitSchema),
  },
  strict,
);
export type Step = Static<typeof StepSchema>;

/**
 * A signal that does not move the pupil on the ladder (e.g. Stockholm's guardian message when
 * monthly absence exceeds 20 %): it fires on the first day its triggers hold for a period.
 */
export const AlertSchema = Type.Object(
  {
    key: Key,
    name: Text('signalens namn'),
    description: Text('vad signalen innebär'),
    triggers: TriggerGroupSchema,
    actions: Type.Array(ActionSchema, { minItems: 1 }),
  },
  strict,
);
export type Alert = Static<typeof AlertSchema>;

/** How a pupil moves down without staff: never, or one step after `weeks` weeks in which the step's triggers did not fire. */
export const DeEscalationSchema = Type.Union([
  Type.Object({ kind: Type.Literal('none') }, strict),
  Type.Object({ kind: Type.Literal('weeksBelow'), weeks: Weeks }, strict),
]);
export type DeEscalation = Static<typeof DeEscalationSchema>;

/** A ladder: steps in order (step 1 first), optional alerts, the de-escalation rule and the exit. */
export const LadderDefinitionSchema = Type.Object(
  {
    id: Key,
    name: Text('trappans namn'),
    description: Text('beskrivning, med de tolkningar trappan gör'),
    source: Text('källdokument'),
    deEscalation: DeEscalationSchema,
    /** The automatic exit for every step (a step may override it); left out = no automatic exit, as versions before exits. */
    exit: Type.Optional(ExitSchema),
    steps: Type.Array(StepSchema, { minItems: 1, maxItems: 20 }),
    alerts: Type.Optional(Type.Array(AlertSchema, { maxItems: 20 })),
  },
  { ...strict, title: 'Närvarotrappa', description: 'En närvarotrappa i Närvaros konfigurationsformat' },
);
export type LadderDefinition = Static<typeof LadderDefinitionSchema>;

/** A problem found by `validateLadder`: JSON Pointer into the ladder and a Swedish message. */
export type LadderProblem = SchemaProblem;

/** The outcome of `validateLadder`: the typed ladder, or every problem found. */
export type LadderValidation = { ok: true; ladder: LadderDefinition } | { ok: false; problems: LadderProblem[] };

const checkLadder = Compile(LadderDefinitionSchema);

/** Leaf triggers of a group with their JSON Pointer, nested groups flattened. */
function leafTriggers(group: TriggerGroup, path: string): { trigger: LeafTrigger; path: string }[] {
  return group.triggers.flatMap((trigger, i) => {
    const at = `${path}/triggers/${i}`;
    return trigger.kind === 'group'
      ? trigger.triggers.map((leaf, j) => ({ trigger: leaf, path: `${at}/triggers/${j}` }))
      : [{ trigger, path: at }];
  });
}

/** Problems in triggers that hold wherever the group is used (steps and alerts). */
function triggerProblems(group: TriggerGroup, path: string, hasPreviousStep: boolean): LadderProblem[] {
  const problems: LadderProblem[] = [];
  for (const { trigger, path: at } of leafTriggers(group, path)) {
    if (trigger.kind !== 'incompleteWeeks') continue;
    if (trigger.k > trigger.n) {
      problems.push({
        path: `${at}/k`,
        message: `k (${trigger.k}) kan inte vara större än n (${trigger.n}): villkoret gäller "k av de senaste n veckorna".`,
      });
    }
    if (trigger.freshWindowAfterPreviousStep && !hasPreviousStep) {
      problems.push({
        path: `${at}/freshWindowAfterPreviousStep`,
        message: 'Ett nytt fönster efter föregående steg kräver ett föregående steg; det finns inget här.',
      });
    }
  }
  return problems;
}

/** Duplicate keys in a list of steps or alerts. */
function duplicateKeyProblems(items: readonly { key: string }[], path: string, what: string): LadderProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: LadderProblem[] = [];
  items.forEach((item, i) => {
    const first = firstIndex.get(item.key);
    if (first === undefined) firstIndex.set(item.key, i);
    else
      problems.push({
        path: `${path}/${i}/key`,
        message: `Nyckeln "${item.key}" används redan av ${what} ${first + 1}; varje nyckel måste vara unik.`,
      });
  });
  return problems;
}

/** Rules the schema cannot express: unique keys, k ≤ n, references to earlier steps, manual vs automatic. */
function semanticProblems(ladder: LadderDefinition): LadderProblem[] {
  const problems = duplicateKeyProblems(ladder.steps, '/steps', 'steg');
  ladder.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    const count = step.triggers.triggers.length;
    if (step.entry === 'automatic' && count === 0) {
      problems.push({
        path: `${at}/triggers/triggers`,
        message: `Steg ${i + 1} ("${step.name}") går in automatiskt men har inga utlösare; lägg till en utlösare eller gör steget manuellt.`,
      });
    }
    if (step.entry === 'manual' && count > 0) {
      problems.push({
        path: `${at}/triggers/triggers`,
        message: `Steg ${i + 1} ("${step.name}") sätts bara av personal och kan inte ha utlösare; ta bort dem eller gör steget automatiskt.`,
      });
    }
    const requires = step.requiresPrevious;
    if (requires) {
      if (i === 0)
        problems.push({
          path: `${at}/requiresPrevious`,
          message: 'Första steget har inget föregående steg att bygga på.',
        });
      if (step.entry === 'manual')
        problems.push({
          path: `${at}/requiresPrevious`,
          message: `Steg ${i + 1} ("${step.name}") är manuellt; villkor om föregående steg gäller bara automatiska steg.`,
        });
      if (requires.stepKey !== undefined) {
        const target = ladder.steps.findIndex((s) => s.key === requires.stepKey);
        if (target < 0)
          problems.push({
            path: `${at}/requiresPrevious/stepKey`,
            message: `Steget "${requires.stepKey}" finns inte i trappan.`,
          });
        else if (target >= i)
          problems.push({
            path: `${at}/requiresPrevious/stepKey`,
            message: `Steget "${requires.stepKey}" kommer inte före steg ${i + 1}; bara ett tidigare steg kan krävas.`,
          });
      }
    }
    problems.push(...triggerProblems(step.triggers, `${at}/triggers`, i > 0));
  });
  const alerts = ladder.alerts ?? [];
  problems.push(...duplicateKeyProblems(alerts, '/alerts', 'signal'));
  alerts.forEach((alert, i) => {
    const at = `/alerts/${i}`;
    if (alert.triggers.triggers.length === 0)
      problems.push({
        path: `${at}/triggers/triggers`,
        message: `Signalen "${alert.name}" behöver minst en utlösare.`,
      });
    problems.push(...triggerProblems(alert.triggers, `${at}/triggers`, false));
  });
  return problems;
}

/**
 * Validate a ladder from a file, the editor or a preset: structure first (the schema), then the
 * rules between fields. Every problem has a JSON Pointer and a Swedish message.
 */
export function validateLadder(input: unknown): LadderValidation {
  if (!checkLadder.Check(input)) {
    const problems = schemaProblems(LadderDefinitionSchema, input);
    // The compiled check and the walker read the same schema; a disagreement must not pass silently.
    return {
      ok: false,
      problems: problems.length > 0 ? problems : [{ path: '', message: 'Trappan följer inte formatet.' }],
    };
  }
  const problems = semanticProblems(input);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, ladder: input };
}
