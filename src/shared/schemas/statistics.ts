/** Statistics (school, organiser, region): the API contract. Aggregates only — no schema here has a pupil field. */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';

const Rate = Type.Union([Type.Number(), Type.Null()], {
  description: 'Share 0..1 from the measures module; null = no data',
});
const Count = Type.Integer({ minimum: 0 });
const MaybeCount = Type.Union([Count, Type.Null()], {
  description: 'null = suppressed (fewer than 5 pupils, or derivable from totals)',
});

export const BandCounts = Type.Object({
  below5: Count,
  from5to10: Count,
  from10to20: Count,
  from20to50: Count,
  from50: Count,
  /** Pupils with scheduled but no known time. */
  noData: Count,
});

/** Sums of the per-pupil roll-up for one cell, with rates from the measures module and the data quality beside them. */
export const StatFigures = Type.Object({
  pupils: Count,
  scheduled: Count,
  known: Count,
  attended: Count,
  valid: Count,
  invalid: Count,
  other: Count,
  absent: Count,
  lateCount: Count,
  absentDays: Count,
  absenceOccasions: Count,
  coverage: Rate,
  absentRate: Rate,
  validRate: Rate,
  invalidRate: Rate,
  /** Coverage under the minimum (or nothing scheduled): the rates are not to be trusted. */
  isUncertain: Type.Boolean(),
  bands: BandCounts,
  /** Pupils whose own absence rate is above the list-rule share. */
  aboveListShare: Count,
});
export type StatFigures = Static<typeof StatFigures>;

const WithPrevious = { current: StatFigures, previous: StatFigures };

export const StatBreakdownRow = Type.Object({
  /** Årskurs ("7"), class group id, or sex ("Kvinna", "Man", "Okänt"); '' when unknown. */
  key: Type.String(),
  label: Type.String(),
  ...WithPrevious,
});
export type StatBreakdownRow = Static<typeof StatBreakdownRow>;

export const LadderStepCount = Type.Object({ stepIndex: Type.Integer({ minimum: 1 }), pupils: Count });

export const StatisticsQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  schoolUnitId: Type.Optional(Uuid),
  minCoverage: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  listRuleShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});
export type StatisticsQuery = Static<typeof StatisticsQuery>;

export const SchoolStatisticsQuery = Type.Object({
  ...StatisticsQuery.properties,
  /**
   * false: no class breakdown (byClass empty). Many units' classes make a page of thousands of rows
   * (and megabytes); the web app asks for classes once a single unit is chosen. Default true.
   */
  withClasses: Type.Optional(Type.Boolean()),
});
export type SchoolStatisticsQuery = Static<typeof SchoolStatisticsQuery>;

const PeriodFields = {
  from: IsoDate,
  to: IsoDate,
  /** The same period one year earlier. */
  previousFrom: IsoDate,
  previousTo: IsoDate,
  minCoverage: Type.Number(),
  listRuleShare: Type.Number(),
};

export const SchoolUnitStatistics = Type.Object({
  schoolUnitId: Uuid,
  schoolUnitName: Type.String(),
  /** Whether the caller may open the pupils behind this unit's figures (rektor and elevhälsa of the unit). */
  canListPupils: Type.Optional(Type.Boolean()),
  ...WithPrevious,
  byYear: Type.Array(StatBreakdownRow),
  byClass: Type.Array(StatBreakdownRow),
  bySex: Type.Array(StatBreakdownRow),
  /** Current ladder states (latest evaluation), step ≥ 1. */
  ladderSteps: Type.Array(LadderStepCount),
});
export type SchoolUnitStatistics = Static<typeof SchoolUnitStatistics>;

export const SchoolStatisticsResponse = Type.Object({
  ...PeriodFields,
  /** Whether byClass was asked for (an empty byClass then means no classes). */
  withClasses: Type.Boolean(),
  schoolUnits: Type.Array(SchoolUnitStatistics),
});
export type SchoolStatisticsResponse = Static<typeof SchoolStatisticsResponse>;

export const OrganiserUnitStatistics = Type.Object({
  schoolUnitId: Uuid,
  schoolUnitName: Type.String(),
  ...WithPrevious,
  ladderSteps: Type.Array(LadderStepCount),
  /** Pupils on a step now, and of them without an ongoing measure (the early-warning KPI). */
  onStep: Count,
  withoutMeasure: Count,
  /** Tasks (measures) created and done in the period; open and past due today. */
  tasksCreated: Count,
  tasksDone: Count,
  tasksOverdue: Count,
});
export type OrganiserUnitStatistics = Static<typeof OrganiserUnitStatistics>;

const MaybeAvailable = Type.Union([Count, Type.Null()], {
  description: 'null = the source does not exist yet ("ej tillgängligt ännu")',
});

/** Case and message figures of the period (statistics/organiser-activity.ts). */
export const OrganiserActivity = Type.Object({
  investigationsOpened: MaybeAvailable,
  investigationsClosed: MaybeAvailable,
  investigationsOverdue: MaybeAvailable,
  /** Notices to the organiser (outbox organiserNotice) written in the period. */
  noticesReceived: MaybeAvailable,
  /** Guardian messages written in the period, and of them delivered (outbox status sent). */
  guardianMessagesWritten: MaybeAvailable,
  guardianMessagesSent: MaybeAvailable,
});
export type OrganiserActivity = Static<typeof OrganiserActivity>;

export const OrganiserStatisticsResponse = Type.Object({
  ...PeriodFields,
  /** The whole organiser (a pupil in two units counts once, with their figures in both). */
  total: Type.Object({
    ...WithPrevious,
    onStep: Count,
    withoutMeasure: Count,
    tasksCreated: Count,
    tasksDone: Count,
    tasksOverdue: Count,
  }),
  schoolUnits: Type.Array(OrganiserUnitStatistics),
  /** Outbox rows written in the period. */
  organiserNotices: Count,
  guardianMessages: Count,
  activity: OrganiserActivity,
});
export type OrganiserStatisticsResponse = Static<typeof OrganiserStatisticsResponse>;

export const SharingRequest = Type.Object({ isShared: Type.Boolean() });
export const SharingResponse = Type.Object({
  isShared: Type.Boolean(),
  changedAt: Type.Union([Type.String(), Type.Null()]),
});
export type SharingResponse = Static<typeof SharingResponse>;

/** One organiser in the regional table; minutes and rates are null when its pupils are suppressed. */
export const RegionalRow = Type.Object({
  organiserId: Uuid,
  organiserName: Type.String(),
  pupils: MaybeCount,
  bands: Type.Object({
    below5: MaybeCount,
    from5to10: MaybeCount,
    from10to20: MaybeCount,
    from20to50: MaybeCount,
    from50: MaybeCount,
    noData: MaybeCount,
  }),
  figures: Type.Union([
    Type.Object({
      scheduled: Count,
      known: Count,
      valid: Count,
      invalid: Count,
      other: Count,
      coverage: Rate,
      absentRate: Rate,
      validRate: Rate,
      invalidRate: Rate,
      isUncertain: Type.Boolean(),
    }),
    Type.Null(),
  ]),
});
export type RegionalRow = Static<typeof RegionalRow>;
export const RegionalStatisticsResponse = Type.Object({
  regionName: Type.String(),
  /** Member organisers, sharing or not (only sharing ones are rows). */
  memberOrganisers: Count,
  from: IsoDate,
  to: IsoDate,
  minCoverage: Type.Number(),
  minCellPupils: Type.Integer(),
  organisers: Type.Array(RegionalRow),
  total: Type.Object({
    pupils: MaybeCount,
    bands: RegionalRow.properties.bands,
    figures: RegionalRow.properties.figures,
  }),
});
export type RegionalStatisticsResponse = Static<typeof RegionalStatisticsResponse>;

/** One month's figures (no bands: those need a whole period per pupil). `pupils` null for the organiser total (a mover would count twice). */
export const MonthFigures = Type.Object({
  pupils: Type.Union([Count, Type.Null()]),
  scheduled: Count,
  known: Count,
  valid: Count,
  invalid: Count,
  absent: Count,
  coverage: Rate,
  absentRate: Rate,
  validRate: Rate,
  invalidRate: Rate,
  isUncertain: Type.Boolean(),
});
export type MonthFigures = Static<typeof MonthFigures>;

export const MonthRow = Type.Object({
  /** Calendar month 'YYYY-MM'; from/to are the month cut to the period. */
  month: Type.String(),
  from: IsoDate,
  to: IsoDate,
  total: Type.Object(WithPreviousMonth()),
  schoolUnits: Type.Array(Type.Object({ schoolUnitId: Uuid, ...WithPreviousMonth() })),
});
function WithPreviousMonth() {
  return { current: MonthFigures, previous: MonthFigures };
}

/** Absence per calendar month of the period, per school unit and in total, with the same month a year earlier (trend charts). */
export const MonthlyStatisticsResponse = Type.Object({
  ...PeriodFields,
  schoolUnits: Type.Array(Type.Object({ schoolUnitId: Uuid, schoolUnitName: Type.String() })),
  months: Type.Array(MonthRow),
});
export type MonthlyStatisticsResponse = Static<typeof MonthlyStatisticsResponse>;

export const BoardReportSchedule = Type.Object({
  frequency: Type.Union([Type.Literal('off'), Type.Literal('monthly'), Type.Literal('termly')]),
  /** The administrator's short text, printed in every scheduled report. */
  text: Type.String({ maxLength: 4000 }),
});
export type BoardReportSchedule = Static<typeof BoardReportSchedule>;

export const BoardReportList = Type.Object({
  reports: Type.Array(
    Type.Object({ id: Uuid, from: IsoDate, to: IsoDate, origin: Type.String(), createdAt: Type.String() }),
  ),
});
export type BoardReportList = Static<typeof BoardReportList>;

const StatBreakdown = Type.Union([
  Type.Literal('none'),
  Type.Literal('year'),
  Type.Literal('class'),
  Type.Literal('sex'),
]);
const BandKey = Type.Union([
  Type.Literal('below5'),
  Type.Literal('from5to10'),
  Type.Literal('from10to20'),
  Type.Literal('from20to50'),
  Type.Literal('from50'),
  Type.Literal('noData'),
]);

/** One cell of the school view: the unit, a breakdown and its key ('' = unknown / the whole unit), optionally a band. */
export const CellPupilsQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  schoolUnitId: Uuid,
  breakdown: Type.Optional(StatBreakdown),
  key: Type.Optional(Type.String({ maxLength: 100 })),
  band: Type.Optional(BandKey),
});
export type CellPupilsQuery = Static<typeof CellPupilsQuery>;

export const CellPupil = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  isProtected: Type.Boolean(),
  scheduled: Count,
  known: Count,
  valid: Count,
  invalid: Count,
  coverage: Rate,
  absentRate: Rate,
  validRate: Rate,
  invalidRate: Rate,
  band: BandKey,
});

export const CellPupilsResponse = Type.Object({
  from: IsoDate,
  to: IsoDate,
  schoolUnitId: Uuid,
  schoolUnitName: Type.String(),
  breakdown: StatBreakdown,
  key: Type.String(),
  /** The key as the school view shows it ('Åk 7', '7A', 'Flickor'). */
  keyLabel: Type.String(),
  band: Type.Union([BandKey, Type.Null()]),
  pupils: Type.Array(CellPupil),
});
export type CellPupilsResponse = Static<typeof CellPupilsResponse>;
