/**
 * Imports an SS12000 export, all or nothing: every file is validated first; with any problem only
 * a rejected `imports` row (with the report) and its audit event are written. Otherwise every
 * record is upserted by its SS12000 id in one transaction, the pupil-day roll-up is recomputed for
 * what changed, and the applied `imports` row and audit event are written in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, schema, type Database, type Tx } from '../../../db/client.js';
import { writeAuditEvent } from '../../../audit/write-audit-event.js';
import { AppError } from '../../../errors.js';
import { recomputePupilDays } from '../../measures/recompute-pupil-days.js';
import {
  validateSs12000,
  type ImportProblem,
  type KnownIds,
  type NormalizedImport,
  type ReferenceKind,
  type ReplacedCollections,
  type Ss12000Files,
  type ValidationResult,
} from '../ss12000/parse-ss12000.js';
import {
  deleteByKey,
  deleteOmittedChildren,
  queryInBatches,
  upsertRows,
  type WriteSpec,
} from '../../../db/batched-write.js';
import { RecomputeScope } from '../recompute-scope.js';
import { isUuid } from '../ss12000/checks.js';
import { syncAccountsFromSs12000 } from '../../users/commands/sync-accounts-from-ss12000.js';

/** Progress of a running import, for a CLI line or a progress bar. */
export interface ImportProgress {
  /** `validate`, `validate.records`, `write` or `recompute`. */
  phase: string;
  done: number;
  /** 0 when unknown (records of a streamed file). */
  total: number;
}

export interface ImportSs12000Input {
  files: Ss12000Files;
  /** The organiser imported for; must match the Huvudman of organisations.json when both are given. */
  organiserId?: string;
  /** Null for the system (CLI, demo loader). */
  actorUserId: string | null;
  /** SS12000 ids the source deleted (`/deletedEntities`), applied in the same transaction. */
  deletions?: Ss12000Deletions;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Deletions from a source's `/deletedEntities` that Närvaro applies. A deleted Attendance or
 * Absence is removed (only as imported: a registration or report made in Närvaro stays); a
 * deleted CalendarEvent is kept as a cancelled lesson, so registrations made here keep their
 * history while the lesson stops being scheduled time. Other kinds are reported, not applied.
 */
export interface Ss12000Deletions {
  attendances?: readonly string[];
  absences?: readonly string[];
  calendarEvents?: readonly string[];
}

/** What an import did, stored in `imports.report` and returned to the caller. */
export interface ImportReport {
  importId: string;
  status: 'applied' | 'rejected';
  organiserId: string;
  /** `<entity>.inserted|updated|unchanged|deleted` → rows; empty when rejected. */
  counts: Record<string, number>;
  /** Every problem, by file, then record (at most {@link MAX_PROBLEMS_PER_FILE} per file). */
  problems: ImportProblem[];
  durationMs: number;
  /** Per file: records read and problems found. A file with problems is rejected whole, and so is the import. */
  files: Record<string, { records: number; problems: number; status: 'valid' | 'rejected' }>;
}

/** Problems listed per file in the report; the rest are only counted (a broken file can have millions). */
export const MAX_PROBLEMS_PER_FILE = 1000;

type RowEntity = Exclude<keyof NormalizedImport, 'organiserId' | 'replaces'>;
type ChangedRow = Record<string, string | Date | null>;

/** Rows of a changed lesson-bound child: the pupil and the lesson's date (the lesson is written first). */
const PUPIL_AND_LESSON_DATE =
  't.person_id, (SELECT l.local_date FROM lessons l WHERE l.organiser_id = t.organiser_id AND l.id = t.lesson_id) AS local_date';

interface WriteStep {
  entity: RowEntity;
  table: PgTable;
  onConflict?: 'update' | 'nothing';
  updateWhere?: string;
  /** Child collections the import states in full per parent (see ReplacedCollections). */
  parentKey?: string;
  /** Entity of the parent, to skip parents this import created (they cannot have stale children). */
  parentEntity?: RowEntity;
  returning?: string;
  /** Parent of child collections: `returning` starts with `t.id`, so created parents are known. */
  isParent?: boolean;
  /** Feeds the roll-up scope from an inserted, updated or deleted row. */
  affects?: (row: ChangedRow, scope: RecomputeScope) => void;
}

/**
 * The write plan, in order: lessons before the rows whose scope reads lesson dates. Tables have
 * no foreign keys, so the order matters only for that.
 */
const WRITE_STEPS: readonly WriteStep[] = [
  { entity: 'organisations', table: schema.organisations },
  { entity: 'persons', table: schema.persons, returning: 't.id', isParent: true },
  { entity: 'enrolments', table: schema.enrolments, parentKey: 'personId', parentEntity: 'persons' },
  { entity: 'responsibles', table: schema.responsibles, parentKey: 'pupilId', parentEntity: 'persons' },
  { entity: 'groups', table: schema.groups, returning: 't.id', isParent: true },
  {
    entity: 'groupMemberships',
    table: schema.groupMemberships,
    parentKey: 'groupId',
    parentEntity: 'groups',
    returning: 't.person_id, t.start_date, t.end_date',
    affects: (r, s) => s.addPupilSpan(r.person_id as string, r.start_date as string, r.end_date as string | null),
  },
  { entity: 'duties', table: schema.duties, returning: 't.id', isParent: true },
  { entity: 'dutyAssignments', table: schema.dutyAssignments, parentKey: 'dutyId', parentEntity: 'duties' },
  {
    entity: 'activities',
    table: schema.activities,
    returning: 't.id',
    isParent: true,
    affects: (r, s) => s.addActivity(r.id as string, { isWholeSpan: true }),
  },
  {
    entity: 'activityGroups',
    table: schema.activityGroups,
    parentKey: 'activityId',
    parentEntity: 'activities',
    returning: 't.activity_id, t.group_id',
    affects: (r, s) => s.addGroupOfActivity(r.group_id as string, r.activity_id as string),
  },
  { entity: 'activityTeachers', table: schema.activityTeachers, parentKey: 'activityId', parentEntity: 'activities' },
  {
    entity: 'lessons',
    table: schema.lessons,
    isParent: true,
    // The subqueries read the row as it was before this statement: a moved lesson also changes its old date.
    returning: `t.id, t.activity_id, t.local_date,
      (SELECT o.local_date FROM lessons o WHERE o.organiser_id = t.organiser_id AND o.id = t.id) AS old_local_date,
      (SELECT o.activity_id FROM lessons o WHERE o.organiser_id = t.organiser_id AND o.id = t.id) AS old_activity_id`,
    affects: (r, s) => {
      s.addActivity(r.activity_id as string, { isWholeSpan: false });
      if (r.old_activity_id) s.addActivity(r.old_activity_id as string, { isWholeSpan: false });
      s.addDate(r.local_date);
      s.addDate(r.old_local_date);
    },
  },
  // Replaced per lesson as SS12000 states them; this also drops substitutes registered in Närvaro
  // for a re-imported lesson, as the table does not record where a row came from.
  { entity: 'lessonTeachers', table: schema.lessonTeachers, parentKey: 'lessonId', parentEntity: 'lessons' },
  {
    entity: 'lessonStudentExceptions',
    table: schema.lessonStudentExceptions,
    parentKey: 'lessonId',
    parentEntity: 'lessons',
    returning: PUPIL_AND_LESSON_DATE,
    affects: (r, s) => {
      s.addPupil(r.person_id as string);
      s.addDate(r.local_date);
    },
  },
  {
    // A confirmation made in Närvaro stays as it is (who and when); the import only adds missing ones.
    entity: 'lessonConfirmations',
    table: schema.lessonConfirmations,
    onConflict: 'nothing',
    returning: `(SELECT l.activity_id FROM lessons l WHERE l.organiser_id = t.organiser_id AND l.id = t.lesson_id) AS activity_id,
      (SELECT l.local_date FROM lessons l WHERE l.organiser_id = t.organiser_id AND l.id = t.lesson_id) AS local_date`,
    affects: (r, s) => {
      if (r.activity_id) s.addActivity(r.activity_id as string, { isWholeSpan: false });
      s.addDate(r.local_date);
    },
  },
  {
    // Marks registered in Närvaro are never overwritten by an import; imported ones follow the source.
    entity: 'attendanceMarks',
    table: schema.attendanceMarks,
    updateWhere: "t.kind = 'imported'",
    returning: PUPIL_AND_LESSON_DATE,
    affects: (r, s) => {
      s.addPupil(r.person_id as string);
      s.addDate(r.local_date);
    },
  },
  {
    entity: 'absences',
    table: schema.absences,
    updateWhere: "t.source = 'import'",
    returning: `t.person_id, t.starts_at, t.ends_at,
      (SELECT o.starts_at FROM absences o WHERE o.organiser_id = t.organiser_id AND o.id = t.id) AS old_starts_at,
      (SELECT o.ends_at FROM absences o WHERE o.organiser_id = t.organiser_id AND o.id = t.id) AS old_ends_at`,
    affects: (r, s) => {
      s.addPupil(r.person_id as string);
      for (const at of [r.starts_at, r.ends_at, r.old_starts_at, r.old_ends_at]) s.addDate(at);
    },
  },
  { entity: 'terms', table: schema.terms },
  {
    entity: 'daysOff',
    table: schema.daysOff,
    returning: 't.date, t.school_unit_key',
    affects: (r, s) => s.addUnitDay(r.school_unit_key as string, r.date as string),
  },
];

/**
 * Tables that changed by at least this many rows are analysed before the roll-up is recomputed:
 * right after a bulk load the planner has no statistics and picks plans several times slower.
 */
const ANALYZE_AFTER_ROWS = 1000;

/** Where ids already in the database are looked up, per kind of reference. */
const KNOWN_ID_TABLES: Record<ReferenceKind, string> = {
  organisations: 'organisations',
  persons: 'persons',
  groups: 'groups',
  duties: 'duties',
  activities: 'activities',
  calendarEvents: 'lessons',
};

/**
 * Validates and applies an SS12000 import for one organiser.
 * @param database the database (or anything with its `db`)
 * @returns the report; `status` 'rejected' means nothing but the report was written
 * @throws AppError IMPORT_REJECTED when no organiser can be told (no Huvudman and none given);
 *   IMPORT_IN_PROGRESS when another import for the organiser is running
 */
export async function importSs12000(database: Pick<Database, 'db'>, input: ImportSs12000Input): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = new Date();
  const importId = randomUUID();
  const { db } = database;
  const validation = await validateWithDatabase(db, input);
  const organiserId = validation.records.organiserId ?? input.organiserId?.toLowerCase();
  if (!organiserId) {
    throw new AppError('IMPORT_REJECTED', 'Importen anger ingen huvudman. Inget har ändrats.', {
      problems: validation.problems,
    });
  }
  // A mismatching Huvudman is reported under the organiser the caller imports for, never another one.
  const reportOrganiserId = input.organiserId?.toLowerCase() ?? organiserId;
  const { problems, files } = summarise(validation);
  const report = (status: ImportReport['status'], counts: Record<string, number>): ImportReport => ({
    importId,
    status,
    organiserId: reportOrganiserId,
    counts,
    problems,
    durationMs: Math.round(performance.now() - started),
    files,
  });

  if (validation.problems.length > 0) {
    const rejected = report('rejected', {});
    await db.transaction(async (tx) => finish(tx, rejected, startedAt, input.actorUserId));
    return rejected;
  }

  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`SELECT pg_try_advisory_xact_lock(hashtext(${`narvaro.import:${organiserId}`})) AS locked`,
    );
    if (!lock.locked)
      throw new AppError('IMPORT_IN_PROGRESS', 'En import pågår redan för huvudmannen. Försök igen när den är klar.');
    const scope = new RecomputeScope();
    const counts = await writeRecords(tx, organiserId, validation.records, scope, input.onProgress);
    if (input.deletions) Object.assign(counts, await applyDeletions(tx, organiserId, input.deletions, scope));
    Object.assign(counts, await syncAccountsFromSs12000(tx, organiserId));
    await analyzeChangedTables(tx, counts);
    input.onProgress?.({ phase: 'recompute', done: 0, total: 1 });
    const range = await scope.resolve(tx, organiserId);
    if (range) await recomputePupilDays(tx, organiserId, range.pupilIds, range.from, range.to);
    input.onProgress?.({ phase: 'recompute', done: 1, total: 1 });
    const applied = report('applied', counts);
    await finish(tx, applied, startedAt, input.actorUserId);
    return applied;
  });
}

/**
 * Records an upload that never reached validation (malformed or too large) as a rejected import
 * with one problem, so every attempt is in the list and the audit trail.
 */
export async function recordRejectedUpload(
  database: Pick<Database, 'db'>,
  input: { organiserId: string; actorUserId: string | null; code: string; message: string },
): Promise<ImportReport> {
  const startedAt = new Date();
  const report: ImportReport = {
    importId: randomUUID(),
    status: 'rejected',
    organiserId: input.organiserId,
    counts: {},
    durationMs: 0,
    files: {},
    problems: [{ file: '(upload)', index: null, id: null, field: '', code: input.code, message: input.message }],
  };
  await database.db.transaction(async (tx) => finish(tx, report, startedAt, input.actorUserId));
  return report;
}

/**
 * Validates; references that resolve nowhere in the import are looked up in the database, and
 * if any are found there the import is validated again with them. A full export resolves within
 * itself and is read once; an incremental one (say, only attendances) is small enough to read twice.
 */
async function validateWithDatabase(db: Database['db'], input: ImportSs12000Input): Promise<ValidationResult> {
  const options = { organiserId: input.organiserId, onProgress: input.onProgress };
  const first = validateSs12000(input.files, {}, options);
  const organiserId = first.records.organiserId ?? input.organiserId?.toLowerCase();
  const unresolved = Object.entries(first.unresolvedReferences) as [ReferenceKind, string[]][];
  if (!organiserId || unresolved.length === 0) return first;
  const known: Record<string, Set<string> | Map<string, string>> = {};
  let found = 0;
  for (const [kind, ids] of unresolved) {
    const rows = await queryInBatches<{ id: string; school_unit_id?: string }>(
      db,
      ids,
      (list) => sql`
      SELECT id${sql.raw(kind === 'activities' ? ', school_unit_id' : '')} FROM ${sql.raw(KNOWN_ID_TABLES[kind])}
      WHERE organiser_id = ${organiserId} AND id = ANY(${list})`,
    );
    found += rows.length;
    known[kind] =
      kind === 'activities'
        ? new Map(rows.map((r) => [r.id, r.school_unit_id as string]))
        : new Set(rows.map((r) => r.id));
  }
  return found === 0 ? first : validateSs12000(input.files, known as KnownIds, options);
}

/** Writes every entity in plan order and returns the counts. */
async function writeRecords(
  tx: Tx,
  organiserId: string,
  records: NormalizedImport,
  scope: RecomputeScope,
  onProgress?: (p: ImportProgress) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const total = WRITE_STEPS.reduce((n, step) => n + records[step.entity].length, 0);
  let done = 0;
  const progress = (rows: number) => {
    done += rows;
    onProgress?.({ phase: 'write', done, total });
  };
  const createdIds = new Map<RowEntity, Set<string>>();
  const affect = (step: WriteStep, rows: ChangedRow[]) => {
    if (step.affects) for (const row of rows) step.affects(row, scope);
  };
  onProgress?.({ phase: 'write', done, total });
  for (const step of WRITE_STEPS) {
    const rows = records[step.entity];
    // The validator sets every column it owns on every row, so the first row names them all.
    const spec: WriteSpec = {
      table: step.table,
      columns: rows.length > 0 ? Object.keys(rows[0]) : [],
      onConflict: step.onConflict ?? 'update',
      updateWhere: step.updateWhere,
      returning: step.returning,
    };
    if (step.parentKey && step.parentEntity) {
      const created = createdIds.get(step.parentEntity) ?? new Set<string>();
      const parents = records.replaces[step.entity as keyof ReplacedCollections].filter((id) => !created.has(id));
      const deleted = await deleteOmittedChildren<ChangedRow>(tx, spec, organiserId, step.parentKey, parents, rows);
      if (deleted.length > 0) counts[`${step.entity}.deleted`] = deleted.length;
      affect(step, deleted);
    }
    if (rows.length === 0) continue;
    const result = await upsertRows<ChangedRow>(tx, spec, organiserId, rows, progress);
    counts[`${step.entity}.inserted`] = result.inserted;
    counts[`${step.entity}.updated`] = result.updated;
    counts[`${step.entity}.unchanged`] = result.unchanged;
    affect(step, result.changed);
    if (step.isParent) {
      createdIds.set(step.entity, new Set(result.changed.filter((r) => r.inserted).map((r) => r.id as string)));
    }
  }
  return counts;
}

/** ANALYZE (allowed inside a transaction, and bounded by its sample size) of the tables that changed much. */
async function analyzeChangedTables(tx: Tx, counts: Record<string, number>): Promise<void> {
  const changedRows = new Map<string, number>();
  for (const [key, n] of Object.entries(counts)) {
    const [entity, kind] = key.split('.');
    if (kind !== 'unchanged') changedRows.set(entity, (changedRows.get(entity) ?? 0) + n);
  }
  const tables = WRITE_STEPS.filter((step) => (changedRows.get(step.entity) ?? 0) >= ANALYZE_AFTER_ROWS).map(
    (step) => `"${getTableName(step.table)}"`,
  );
  if (tables.length > 0) await tx.execute(sql.raw(`ANALYZE ${tables.join(', ')}`));
}

/** Deletes what the source deleted (see {@link Ss12000Deletions}) and feeds the roll-up scope. */
async function applyDeletions(
  tx: Tx,
  organiserId: string,
  deletions: Ss12000Deletions,
  scope: RecomputeScope,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // Only well-formed ids can name a row; anything else in the list is ignored.
  const ids = (list: readonly string[] | undefined) => [
    ...new Set((list ?? []).filter((id) => isUuid(id)).map((id) => id.toLowerCase())),
  ];
  const attendances = ids(deletions.attendances);
  if (attendances.length > 0) {
    const rows = await queryInBatches<{ person_id: string; local_date: string }>(
      tx,
      attendances,
      (list) => sql`
      DELETE FROM attendance_marks t WHERE t.organiser_id = ${organiserId} AND t.kind = 'imported' AND t.external_id = ANY(${list})
      RETURNING ${sql.raw(PUPIL_AND_LESSON_DATE)}`,
    );
    for (const r of rows) {
      scope.addPupil(r.person_id);
      scope.addDate(r.local_date);
    }
    counts['attendanceMarks.deleted'] = rows.length;
  }
  const absences = ids(deletions.absences);
  if (absences.length > 0) {
    const rows = await queryInBatches<{ person_id: string; starts_at: Date | string; ends_at: Date | string }>(
      tx,
      absences,
      (list) => sql`
      DELETE FROM absences WHERE organiser_id = ${organiserId} AND source = 'import' AND id = ANY(${list})
      RETURNING person_id, starts_at, ends_at`,
    );
    for (const r of rows) {
      scope.addPupil(r.person_id);
      scope.addDate(r.starts_at);
      scope.addDate(r.ends_at);
    }
    counts['absences.deleted'] = rows.length;
  }
  const lessons = ids(deletions.calendarEvents);
  if (lessons.length > 0) {
    const rows = await queryInBatches<{ activity_id: string; local_date: string }>(
      tx,
      lessons,
      (list) => sql`
      UPDATE lessons SET is_cancelled = true WHERE organiser_id = ${organiserId} AND id = ANY(${list}) AND NOT is_cancelled
      RETURNING activity_id, local_date`,
    );
    for (const r of rows) {
      scope.addActivity(r.activity_id, { isWholeSpan: false });
      scope.addDate(r.local_date);
    }
    counts['lessons.cancelled'] = rows.length;
  }
  return counts;
}

/** Problems capped per file, and the per-file summary. */
function summarise(validation: ValidationResult): Pick<ImportReport, 'problems' | 'files'> {
  const files: ImportReport['files'] = {};
  for (const [file, records] of Object.entries(validation.recordCounts))
    files[file] = { records, problems: 0, status: 'valid' };
  const problems: ImportProblem[] = [];
  for (const problem of validation.problems) {
    const entry = (files[problem.file] ??= { records: 0, problems: 0, status: 'valid' });
    entry.problems++;
    entry.status = 'rejected';
    if (entry.problems <= MAX_PROBLEMS_PER_FILE) problems.push(problem);
  }
  return { problems, files };
}

/** The `imports` row and the audit event, in the caller's transaction. */
async function finish(tx: Tx, report: ImportReport, startedAt: Date, actorUserId: string | null): Promise<void> {
  await tx.insert(schema.imports).values({
    organiserId: report.organiserId,
    id: report.importId,
    status: report.status,
    startedAt,
    finishedAt: new Date(),
    startedByUserId: actorUserId,
    report: report as unknown as Record<string, unknown>,
  });
  await writeAuditEvent(
    tx,
    { organiserId: report.organiserId, actorUserId },
    {
      type: 'import.ss12000',
      importId: report.importId,
      data: { status: report.status, counts: report.counts },
    },
  );
}
