/** Ladders, early warning and tasks: the API contract. */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';

export const LadderVersionSummary = Type.Object({
  id: Uuid,
  ladderId: Uuid,
  schoolUnitId: Type.Union([Uuid, Type.Null()]),
  version: Type.Integer(),
  name: Type.String(),
  presetId: Type.Union([Type.String(), Type.Null()]),
  effectiveFrom: IsoDate,
  status: Type.String(),
  createdAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  definition: Type.Record(Type.String(), Type.Unknown()),
});
export type LadderVersionSummary = Static<typeof LadderVersionSummary>;

export const LaddersResponse = Type.Object({
  presets: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      description: Type.String(),
      definition: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  versions: Type.Array(LadderVersionSummary),
  /** The JSON schema of the ladder format, for editors and file validation. */
  formatSchema: Type.Record(Type.String(), Type.Unknown()),
});
export type LaddersResponse = Static<typeof LaddersResponse>;

export const SaveLadderVersionRequest = Type.Object({
  schoolUnitId: Type.Union([Uuid, Type.Null()]),
  /** Start from a preset … */
  presetId: Type.Optional(Type.String()),
  /** … or give a whole definition (edited in the form or imported from a file). */
  definition: Type.Optional(Type.Unknown()),
  effectiveFrom: IsoDate,
  publish: Type.Boolean(),
});
export type SaveLadderVersionRequest = Static<typeof SaveLadderVersionRequest>;

export const PreviewRow = Type.Object({
  personId: Uuid,
  name: Type.String(),
  className: Type.Union([Type.String(), Type.Null()]),
  current: Type.Object({ stepIndex: Type.Integer(), stepKey: Type.Union([Type.String(), Type.Null()]) }),
  draft: Type.Object({
    stepIndex: Type.Integer(),
    stepKey: Type.Union([Type.String(), Type.Null()]),
    explanation: Type.String(),
  }),
});
export const PreviewResponse = Type.Object({ date: IsoDate, rows: Type.Array(PreviewRow) });
export type PreviewResponse = Static<typeof PreviewResponse>;

export const EarlyWarningQuery = Type.Object({
  /** mine = the mentor's pupils; school = a school unit; organiser = all units (huvudman). */
  scope: Type.Enum(['mine', 'school', 'organiser']),
  schoolUnitId: Type.Optional(Uuid),
  minStep: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 1 })),
});
export const EarlyWarningRow = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  isProtected: Type.Boolean(),
  className: Type.Union([Type.String(), Type.Null()]),
  schoolUnitId: Type.Union([Uuid, Type.Null()]),
  schoolUnitName: Type.Union([Type.String(), Type.Null()]),
  stepIndex: Type.Integer(),
  stepKey: Type.Union([Type.String(), Type.Null()]),
  stepName: Type.Union([Type.String(), Type.Null()]),
  since: Type.Union([IsoDate, Type.Null()]),
  explanation: Type.String(),
  isNewThisWeek: Type.Boolean(),
  recentAbsentRate: Type.Union([Type.Number(), Type.Null()]),
  previousAbsentRate: Type.Union([Type.Number(), Type.Null()]),
  coverage: Type.Union([Type.Number(), Type.Null()]),
  openTasks: Type.Integer(),
  overdueTasks: Type.Integer(),
  /** Days since the last measure (a task done), null when none. */
  daysSinceLastMeasure: Type.Union([Type.Integer(), Type.Null()]),
  /** Flagged absence patterns over the last 8 weeks (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range'), e.g. weekday 1 = Mondays. */
  patterns: Type.Array(Type.Object({ dimension: Type.String(), category: Type.String() })),
  /** Norrköping's KPI: on a step without an ongoing measure (no open task, none done in 28 days, no active intervention in an open case). */
  isWithoutMeasure: Type.Boolean(),
});
export type EarlyWarningRow = Static<typeof EarlyWarningRow>;
export const EarlyWarningResponse = Type.Object({
  date: IsoDate,
  rows: Type.Array(EarlyWarningRow),
  perStep: Type.Array(
    Type.Object({
      stepIndex: Type.Integer(),
      stepName: Type.Union([Type.String(), Type.Null()]),
      pupils: Type.Integer(),
    }),
  ),
  perSchool: Type.Array(
    Type.Object({
      schoolUnitId: Type.Union([Uuid, Type.Null()]),
      schoolUnitName: Type.Union([Type.String(), Type.Null()]),
      onStep: Type.Integer(),
      withoutMeasure: Type.Integer(),
    }),
  ),
  withoutMeasure: Type.Integer(),
  /** Open tasks past their due date, for the pupils of the view (on a step or not): shown beside the KPI so it is never green alone. */
  overdueTasks: Type.Integer(),
  /** Investigations (SL 7:19 a) open past their deadline, for the pupils of the view. */
  overdueInvestigations: Type.Integer(),
});
export type EarlyWarningResponse = Static<typeof EarlyWarningResponse>;

export const TaskRow = Type.Object({
  id: Uuid,
  personId: Uuid,
  pupilName: Type.String(),
  className: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  role: Type.String(),
  stepKey: Type.Union([Type.String(), Type.Null()]),
  stepName: Type.Union([Type.String(), Type.Null()]),
  assigneeUserId: Type.Union([Uuid, Type.Null()]),
  assigneeName: Type.Union([Type.String(), Type.Null()]),
  dueDate: IsoDate,
  status: Type.String(),
  isOverdue: Type.Boolean(),
  doneAt: Type.Union([Type.String(), Type.Null()]),
  doneNote: Type.Union([Type.String(), Type.Null()]),
});
export type TaskRow = Static<typeof TaskRow>;
export const TasksResponse = Type.Object({ tasks: Type.Array(TaskRow) });
export type TasksResponse = Static<typeof TasksResponse>;
export const TasksQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'done', 'all'])),
  personId: Type.Optional(Uuid),
});
export const CompleteTaskRequest = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) });
export const ReassignTaskRequest = Type.Object({ userId: Uuid });

export const PupilLadderResponse = Type.Object({
  state: Type.Union([
    Type.Null(),
    Type.Object({
      stepIndex: Type.Integer(),
      stepKey: Type.Union([Type.String(), Type.Null()]),
      stepName: Type.Union([Type.String(), Type.Null()]),
      since: Type.Union([IsoDate, Type.Null()]),
      explanation: Type.String(),
      evaluationDate: IsoDate,
      ladderName: Type.String(),
      ladderVersion: Type.Integer(),
      steps: Type.Array(Type.Object({ index: Type.Integer(), key: Type.String(), name: Type.String() })),
      /** The pupil's school unit as evaluated (who may close the step depends on it). */
      schoolUnitId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    }),
  ]),
  changes: Type.Array(
    Type.Object({
      date: IsoDate,
      fromStep: Type.Integer(),
      toStep: Type.Integer(),
      by: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
      explanation: Type.String(),
      /** Who decided, for staff moves. */
      decidedBy: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  concernFlag: Type.Union([
    Type.Null(),
    Type.Object({ id: Uuid, setOn: IsoDate, note: Type.Union([Type.String(), Type.Null()]) }),
  ]),
  tasks: Type.Array(TaskRow),
});
export type PupilLadderResponse = Static<typeof PupilLadderResponse>;
/** Closing the pupil's step: the reason is recorded in the history and the audit log. */
export const CloseLadderStepRequest = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000 }) });
export const LadderDecisionRequest = Type.Object({
  stepIndex: Type.Integer({ minimum: 0, maximum: 20 }),
  reason: Type.String({ minLength: 3, maxLength: 1000 }),
});
export const ConcernFlagRequest = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) });
export const UpdateDraftRequest = Type.Object({ definition: Type.Unknown(), effectiveFrom: IsoDate });
/** The preview as of `date` (default today), replayed from `effectiveFrom` (default the version's). */
export const PreviewRequest = Type.Object({ effectiveFrom: Type.Optional(IsoDate), date: Type.Optional(IsoDate) });
export const AssigneesResponse = Type.Object({
  users: Type.Array(Type.Object({ id: Uuid, name: Type.String(), roles: Type.Array(Type.String()) })),
});
export const EvaluateRequest = Type.Object({ schoolUnitId: Type.Optional(Uuid), personId: Type.Optional(Uuid) });
